using System.Globalization;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Parses the string forms accepted by <c>absTime("...")</c> and <c>relTime("...")</c>.</summary>
internal static class TimeParsing
{
    /// <summary>
    /// Parses <c>[D*]yyyy[D*mm[D*dd[D*hh[D*mm[D*ss]]]]][Z|±hh[:]mm]</c>, where D is any non-digit (so <c>2004-01-01</c>,
    /// <c>1997-08-30T16:04:05-0500</c> and <c>1970-01-01T:00:00:01Z</c> all read). Without a zone, <paramref name="clock"/>'s local one applies.
    /// </summary>
    public static bool TryParseAbsolute(string text, TimeProvider clock, out long seconds, out int offset)
    {
        seconds = 0;
        offset = 0;
        var s = text.TrimEnd();
        bool hasZone;
        if (s.Length > 1 && (s[^1] == 'z' || s[^1] == 'Z'))
        {
            hasZone = true;
            s = s[..^1];
        }
        else
        {
            hasZone = TryZone(ref s, out offset);
        }

        var i = 0;
        SkipNonDigits(s, ref i);
        if (i > s.Length - 4)
        {
            return false;
        }

        // As with C's mktime, a missing month is January and other missing fields are zero (so a bare year is the
        // last day of the year before), and out-of-range fields carry into the next larger one.
        var year = Atoi(s.AsSpan(i, 4));
        i += 4;
        long[] fields = [1, 0, 0, 0, 0];
        for (var f = 0; f < fields.Length; f++)
        {
            SkipNonDigits(s, ref i);
            if (i <= s.Length - 2)
            {
                fields[f] = Atoi(s.AsSpan(i, 2));
                i += 2;
            }
        }

        SkipNonDigits(s, ref i);
        if (i < s.Length)
        {
            return false;
        }

        long wall;
        try
        {
            var baseDate = new DateTime((int)year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths((int)Math.Max(fields[0] - 1, -1200));
            var unix = new DateTimeOffset(baseDate).ToUnixTimeSeconds();
            wall = unix + ((fields[1] - 1) * 86400) + (fields[2] * 3600) + (fields[3] * 60) + fields[4];
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }

        if (!hasZone)
        {
            // The local offset in force at that wall-clock time.
            offset = LocalClock.Offset(clock, wall - LocalClock.Offset(clock, wall));
        }

        seconds = wall - offset;
        return true;
    }

    /// <summary>Parses <c>[-][days+][hh:][mm:]ss[.fff]</c>, also written with unit letters, <c>[-][Nd][Nh][Nm]N[.fff][s]</c>.</summary>
    public static bool TryParseRelative(string text, out double seconds)
    {
        seconds = 0;
        var i = text.Length - 1;
        SkipSpacesBack(text, ref i);
        double secs = 0;
        if (i >= 0 && (text[i] is 's' or 'S' || char.IsAsciiDigit(text[i])))
        {
            if (text[i] is 's' or 'S')
            {
                i--;
            }

            SkipSpacesBack(text, ref i);
            var end = i;
            SkipDigitsBack(text, ref i);
            if (i >= 0 && text[i] == '.')
            {
                i--;
                SkipDigitsBack(text, ref i);
            }

            var number = text.AsSpan(i + 1, end - i);
            secs = number.Length == 0 || number is "." ? 0
                : double.Parse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }

        var minutes = Component(text, ref i, 'm', ':');
        var hours = Component(text, ref i, 'h', ':');
        var days = Component(text, ref i, 'd', '+');
        SkipSpacesBack(text, ref i);
        var negative = false;
        if (i >= 0 && text[i] == '-')
        {
            negative = true;
            i--;
        }

        SkipSpacesBack(text, ref i);
        if (i >= 0)
        {
            return false;
        }

        seconds = (negative ? -1 : 1) * ((days * 86400.0) + (hours * 3600.0) + (minutes * 60.0) + secs);
        return true;
    }

    private static long Component(string text, ref int i, char unit, char separator)
    {
        SkipSpacesBack(text, ref i);
        if (i < 0 || (char.ToLowerInvariant(text[i]) != unit && text[i] != separator))
        {
            return 0;
        }

        i--;
        SkipSpacesBack(text, ref i);
        var end = i;
        SkipDigitsBack(text, ref i);
        return end > i ? Atoi(text.AsSpan(i + 1, end - i)) : 0;
    }

    private static bool TryZone(ref string s, out int offset)
    {
        offset = 0;
        var n = s.Length;
        ReadOnlySpan<char> digits;
        int signAt;
        if (n > 5 && s[n - 5] is '+' or '-' && IsDigits(s.AsSpan(n - 4)))
        {
            signAt = n - 5;
            digits = s.AsSpan(n - 4);
        }
        else if (n > 6 && s[n - 6] is '+' or '-' && s[n - 3] == ':' && IsDigits(s.AsSpan(n - 5, 2)) && IsDigits(s.AsSpan(n - 2)))
        {
            signAt = n - 6;
            digits = string.Concat(s.AsSpan(n - 5, 2), s.AsSpan(n - 2));
        }
        else
        {
            return false;
        }

        var magnitude = (Atoi(digits[..2]) * 3600) + (Atoi(digits[2..]) * 60);
        offset = (int)(s[signAt] == '-' ? -magnitude : magnitude);
        s = s[..signAt];
        return true;
    }

    private static bool IsDigits(ReadOnlySpan<char> s) => s.Length > 0 && s.IndexOfAnyExceptInRange('0', '9') < 0;

    // C's atoi: leading digits only.
    private static long Atoi(ReadOnlySpan<char> s)
    {
        long n = 0;
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                break;
            }

            n = (n * 10) + (c - '0');
        }

        return n;
    }

    private static void SkipNonDigits(string s, ref int i)
    {
        while (i < s.Length && !char.IsAsciiDigit(s[i]))
        {
            i++;
        }
    }

    private static void SkipSpacesBack(string s, ref int i)
    {
        while (i >= 0 && char.IsWhiteSpace(s[i]))
        {
            i--;
        }
    }

    private static void SkipDigitsBack(string s, ref int i)
    {
        while (i >= 0 && char.IsAsciiDigit(s[i]))
        {
            i--;
        }
    }
}
