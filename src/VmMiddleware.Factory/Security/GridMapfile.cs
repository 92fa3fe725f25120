using VmMiddleware.Factory.Configuration;

namespace VmMiddleware.Factory.Security;

/// <summary>A grid-mapfile: lines <c>"/C=../O=../CN=Subject" account[,account...]</c> mapping certificate subjects to local accounts (the first account is used).</summary>
public sealed class GridMapfile
{
    private readonly Dictionary<string, string> _accounts;

    private GridMapfile(Dictionary<string, string> accounts) => _accounts = accounts;

    /// <summary>Gets how many subjects are mapped.</summary>
    public int Count => _accounts.Count;

    /// <summary>Returns the account <paramref name="subject"/> maps to, or null.</summary>
    public string? Map(string subject) => _accounts.TryGetValue(subject, out var account) ? account : null;

    /// <summary>Reads <paramref name="path"/>.</summary>
    /// <exception cref="SettingsFormatException">The file cannot be read or a line is malformed.</exception>
    public static GridMapfile Read(string path)
    {
        try
        {
            return Parse(File.ReadAllText(path), path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsFormatException(path, 0, 0, "cannot read the grid-mapfile: " + e.Message, e);
        }
    }

    /// <summary>Parses grid-mapfile text; <paramref name="source"/> names it in messages.</summary>
    public static GridMapfile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var accounts = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var i = 0;
            while (i < line.Length && char.IsWhiteSpace(line[i]))
            {
                i++;
            }

            if (i == line.Length || line[i] == '#')
            {
                continue;
            }

            string subject;
            if (line[i] == '"')
            {
                var text2 = new System.Text.StringBuilder();
                var j = i + 1;
                for (; j < line.Length && line[j] != '"'; j++)
                {
                    // A backslash escapes the next character (a quote or a backslash inside a subject).
                    if (line[j] == '\\' && j + 1 < line.Length)
                    {
                        j++;
                    }

                    text2.Append(line[j]);
                }

                if (j == line.Length)
                {
                    throw new SettingsFormatException(source, n + 1, i + 1, "the quoted subject is not closed; expected a closing '\"'");
                }

                subject = text2.ToString();
                i = j + 1;
            }
            else
            {
                var start = i;
                while (i < line.Length && !char.IsWhiteSpace(line[i]))
                {
                    i++;
                }

                subject = line[start..i];
            }

            if (!subject.StartsWith('/'))
            {
                throw new SettingsFormatException(source, n + 1, 1, $"'{subject}' is not a subject; expected the one-line form \"/C=../O=../CN=..\"");
            }

            var rest = line[i..].Trim();
            var account = rest.Split(',', StringSplitOptions.TrimEntries)[0];
            if (account.Length == 0 || !account.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
            {
                throw new SettingsFormatException(source, n + 1, Math.Max(line.IndexOf(rest, i, StringComparison.Ordinal), i) + 1, $"subject '{subject}' maps to '{rest}'; expected a local account name");
            }

            accounts.TryAdd(subject, account);
        }

        return new GridMapfile(accounts);
    }
}
