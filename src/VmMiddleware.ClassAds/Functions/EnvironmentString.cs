using System.Text;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>HTCondor's job environment strings: the old <c>Env</c> syntax (V1) and the new <c>Environment</c> syntax (V2).</summary>
internal sealed class EnvironmentString
{
    private const string V1Delimiters = "!#$%&*+,-/:;<>?@^`|~\x1F";
    private readonly SortedDictionary<string, string?> _variables = new(StringComparer.Ordinal);

    /// <summary>Merges V1 entries, <c>A=1;B=2</c>; a leading delimiter character from HTCondor's set chooses another delimiter.</summary>
    public bool MergeV1(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        var delimiter = ';';
        var start = 0;
        if (V1Delimiters.Contains(text[0], StringComparison.Ordinal))
        {
            delimiter = text[0];
            start = 1;
        }

        var i = start;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or '\t' or '\n' or '\r')
            {
                i++;
            }

            var end = i;
            while (end < text.Length && text[end] != delimiter && text[end] != '\n')
            {
                end++;
            }

            var entry = text[i..end];
            i = end + 1;
            if (entry.Length > 0 && !Set(entry))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Merges V2 entries: white-space separated <c>NAME=value</c>, single quotes around white space, <c>''</c> for a quote.</summary>
    public bool MergeV2(string text)
    {
        var token = new StringBuilder();
        var inToken = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\'')
            {
                inToken = true;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        return false;
                    }

                    if (text[i] == '\'')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '\'')
                        {
                            token.Append('\'');
                            i += 2;
                            continue;
                        }

                        break;
                    }

                    token.Append(text[i++]);
                }
            }
            else if (c is ' ' or '\t' or '\n' or '\r')
            {
                if (inToken && !Set(token.ToString()))
                {
                    return false;
                }

                token.Clear();
                inToken = false;
            }
            else
            {
                inToken = true;
                token.Append(c);
            }
        }

        return !inToken || Set(token.ToString());
    }

    /// <summary>Prints the V2 form, variables sorted by name, quoting white space and quotes character by character as HTCondor does.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (name, value) in _variables)
        {
            if (sb.Length > 0)
            {
                sb.Append(' ');
            }

            AppendArgument(sb, value is null ? name : name + "=" + value);
        }

        return sb.ToString();
    }

    private bool Set(string entry)
    {
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        if (eq < 0 && entry.Contains("$$", StringComparison.Ordinal))
        {
            // An unexpanded $$() macro is kept verbatim, without a value.
            _variables[entry] = null;
            return true;
        }

        if (eq <= 0)
        {
            return false;
        }

        _variables[entry[..eq]] = entry[(eq + 1)..];
        return true;
    }

    private static void AppendArgument(StringBuilder sb, string arg)
    {
        if (arg.Length == 0)
        {
            sb.Append("''");
            return;
        }

        foreach (var c in arg)
        {
            if (c is ' ' or '\t' or '\n' or '\r' or '\'')
            {
                // Join with a quoted section just closed rather than opening another.
                if (sb.Length > 0 && sb[^1] == '\'')
                {
                    sb.Length--;
                }
                else
                {
                    sb.Append('\'');
                }

                if (c == '\'')
                {
                    sb.Append('\'');
                }

                sb.Append(c).Append('\'');
                continue;
            }

            sb.Append(c);
        }
    }
}
