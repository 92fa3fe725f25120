using System.Text;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Converts backslash escapes in string literals as HTCondor does (C escapes and up to three octal digits).</summary>
internal static class Escapes
{
    public static bool TryUnescape(string raw, out string result)
    {
        if (raw.IndexOf('\\', StringComparison.Ordinal) < 0)
        {
            result = raw;
            return true;
        }

        var sb = new StringBuilder(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c != '\\' || i + 1 >= raw.Length)
            {
                sb.Append(c);
                continue;
            }

            var e = raw[++i];
            switch (e)
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case >= '0' and <= '7':
                    {
                        // Up to three octal digits; a leading digit above 3 allows only two.
                        var max = e <= '3' ? 3 : 2;
                        var value = 0;
                        var n = 0;
                        while (n < max && i < raw.Length && raw[i] is >= '0' and <= '7')
                        {
                            value = (value * 8) + (raw[i] - '0');
                            i++;
                            n++;
                        }

                        i--;
                        if (value == 0)
                        {
                            result = string.Empty;
                            return false;
                        }

                        sb.Append((char)value);
                        break;
                    }

                default:
                    sb.Append(e);
                    break;
            }
        }

        result = sb.ToString();
        return true;
    }
}
