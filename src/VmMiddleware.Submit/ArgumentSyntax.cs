using System.Text;

namespace VmMiddleware.Submit;

/// <summary>HTCondor's two syntaxes for arguments and environment (condor_submit manual, "arguments" and "environment").</summary>
/// <remarks>
/// New syntax: the whole value is in double quotes, "" is a literal double quote, white space separates words,
/// single quotes group white space and '' inside them is a literal single quote.
/// Old syntax: arguments split on white space with \" a literal double quote; environment entries split on ';'.
/// </remarks>
internal static class ArgumentSyntax
{
    /// <summary>Splits an arguments value into words; throws <see cref="StatementException"/> when the new syntax is malformed.</summary>
    public static IReadOnlyList<string> Arguments(string value)
    {
        var text = value.Trim();
        if (IsNewSyntax(text))
        {
            return NewSyntaxWords(text);
        }

        return [.. text.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Replace("\\\"", "\"", StringComparison.Ordinal))];
    }

    /// <summary>Splits an environment value into NAME=VALUE pairs, in order; throws <see cref="StatementException"/> when an entry has no '='.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Environment(string value)
    {
        var text = value.Trim();
        var entries = IsNewSyntax(text)
            ? NewSyntaxWords(text)
            : text.Split(';').Where(e => e.Trim().Length > 0).ToList();
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var entry in entries)
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new StatementException($"the environment entry '{entry}' is not NAME=VALUE");
            }

            pairs.Add(KeyValuePair.Create(entry[..equals].Trim(), entry[(equals + 1)..]));
        }

        return pairs;
    }

    private static bool IsNewSyntax(string text) => text.Length >= 2 && text[0] == '"' && text[^1] == '"';

    private static List<string> NewSyntaxWords(string text)
    {
        var inner = text[1..^1];
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        var quoted = false;
        for (var i = 0; i < inner.Length; i++)
        {
            var c = inner[i];
            if (c == '"')
            {
                if (i + 1 >= inner.Length || inner[i + 1] != '"')
                {
                    throw new StatementException($"{text} has a lone double quote at position {i + 2}; inside the quotes write \"\" for a literal double quote");
                }

                word.Append('"');
                inWord = true;
                i++;
            }
            else if (c == '\'')
            {
                if (quoted && i + 1 < inner.Length && inner[i + 1] == '\'')
                {
                    word.Append('\'');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                    inWord = true;
                }
            }
            else if (!quoted && (c == ' ' || c == '\t'))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }

        if (quoted)
        {
            throw new StatementException($"{text} has an unclosed single quote");
        }

        if (inWord)
        {
            words.Add(word.ToString());
        }

        return words;
    }
}
