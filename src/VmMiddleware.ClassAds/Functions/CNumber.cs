using System.Globalization;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>C's <c>strtod</c>: reads the longest numeric prefix of a string, as HTCondor's string-to-number conversions do.</summary>
internal static class CNumber
{
    /// <summary>Parses the numeric prefix of <paramref name="s"/>; false when no number starts the string.</summary>
    public static bool TryParsePrefix(string s, out double value)
    {
        value = 0;
        var i = 0;
        while (i < s.Length && IsSpace(s[i]))
        {
            i++;
        }

        var start = i;
        var negative = false;
        if (i < s.Length && (s[i] == '+' || s[i] == '-'))
        {
            negative = s[i] == '-';
            i++;
        }

        var rest = s.AsSpan(i);
        if (StartsWithWord(rest, "infinity") || StartsWithWord(rest, "inf"))
        {
            value = negative ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        if (StartsWithWord(rest, "nan"))
        {
            value = double.NaN;
            return true;
        }

        var digits = 0;
        var end = i;
        while (end < s.Length && char.IsAsciiDigit(s[end]))
        {
            end++;
            digits++;
        }

        if (end < s.Length && s[end] == '.')
        {
            end++;
            while (end < s.Length && char.IsAsciiDigit(s[end]))
            {
                end++;
                digits++;
            }
        }

        if (digits == 0)
        {
            return false;
        }

        if (end < s.Length && (s[end] == 'e' || s[end] == 'E'))
        {
            var e = end + 1;
            if (e < s.Length && (s[e] == '+' || s[e] == '-'))
            {
                e++;
            }

            if (e < s.Length && char.IsAsciiDigit(s[e]))
            {
                while (e < s.Length && char.IsAsciiDigit(s[e]))
                {
                    e++;
                }

                end = e;
            }
        }

        var text = s.AsSpan(start, end - start);
        if (text.EndsWith("."))
        {
            text = text[..^1];
        }

        value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return true;
    }

    private static bool StartsWithWord(ReadOnlySpan<char> s, string word) =>
        s.StartsWith(word, StringComparison.OrdinalIgnoreCase);

    private static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f' or '\v';
}
