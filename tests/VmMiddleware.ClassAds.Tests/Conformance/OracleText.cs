using System.Text;

namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>
/// Compares a printed value with HTCondor's recorded one: PARSE_ERROR by its word only, and the attributes of every ad
/// (nested ones too) as a set, since HTCondor prints them in hash order.
/// </summary>
internal static class OracleText
{
    private const string ParseError = "PARSE_ERROR";

    public static bool Same(string expected, string actual)
    {
        if (expected.StartsWith(ParseError, StringComparison.Ordinal))
        {
            return actual.StartsWith(ParseError, StringComparison.Ordinal);
        }

        return expected == actual || (expected.Contains('[', StringComparison.Ordinal) && Normalize(expected) == Normalize(actual));
    }

    /// <summary>The text with the attributes of every ad literal sorted.</summary>
    public static string Normalize(string text)
    {
        var pos = 0;
        return Sequence(text, ref pos, '\0');
    }

    // Reads up to (and including) the closing character, or to the end when close is '\0'.
    private static string Sequence(string s, ref int pos, char close)
    {
        var sb = new StringBuilder();
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '"')
            {
                sb.Append(QuotedString(s, ref pos));
            }
            else if (c == '[' && StartsAd(s, pos))
            {
                pos++;
                sb.Append(Ad(s, ref pos));
            }
            else if (c is '(' or '{' or '[')
            {
                pos++;
                sb.Append(c).Append(Sequence(s, ref pos, c == '(' ? ')' : c == '{' ? '}' : ']'));
            }
            else
            {
                pos++;
                sb.Append(c);
                if (c == close)
                {
                    break;
                }
            }
        }

        return sb.ToString();
    }

    private static string Ad(string s, ref int pos)
    {
        var parts = new List<string>();
        var current = new StringBuilder();
        while (pos < s.Length)
        {
            var c = s[pos];
            if (c == '"')
            {
                current.Append(QuotedString(s, ref pos));
            }
            else if (c == '[' && StartsAd(s, pos))
            {
                pos++;
                current.Append(Ad(s, ref pos));
            }
            else if (c is '(' or '{' or '[')
            {
                pos++;
                current.Append(c).Append(Sequence(s, ref pos, c == '(' ? ')' : c == '{' ? '}' : ']'));
            }
            else if (c is ';' or ']')
            {
                pos++;
                if (current.ToString().Trim() is { Length: > 0 } part)
                {
                    parts.Add(part);
                }

                current.Clear();
                if (c == ']')
                {
                    break;
                }
            }
            else
            {
                pos++;
                current.Append(c);
            }
        }

        parts.Sort(StringComparer.Ordinal);
        return "[AD " + string.Join(" ; ", parts) + "]";
    }

    // A '[' opens an ad unless it follows an operand (then it is a subscript).
    private static bool StartsAd(string s, int pos)
    {
        var j = pos - 1;
        while (j >= 0 && s[j] == ' ')
        {
            j--;
        }

        return j < 0 || !(char.IsLetterOrDigit(s[j]) || s[j] is ')' or ']' or '}' or '_' or '"');
    }

    private static string QuotedString(string s, ref int pos)
    {
        var start = pos++;
        while (pos < s.Length && s[pos] != '"')
        {
            pos += s[pos] == '\\' ? 2 : 1;
        }

        pos = Math.Min(pos + 1, s.Length);
        return s[start..pos];
    }
}
