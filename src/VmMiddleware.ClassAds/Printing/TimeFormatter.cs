using System.Globalization;

namespace VmMiddleware.ClassAds.Printing;

/// <summary>Prints absolute and relative times as HTCondor's unparser does.</summary>
internal static class TimeFormatter
{
    /// <summary>Formats <c>YYYY-MM-DDThh:mm:ss±hh:mm</c> in the value's own time zone (a zero offset prints as <c>-00:00</c>, as in HTCondor).</summary>
    public static string AbsoluteTime(long seconds, int offset)
    {
        var local = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(seconds + offset, -62135596800L, 253402300799L)).UtcDateTime;
        var sign = offset > 0 ? '+' : '-';
        var tz = Math.Abs(offset);
        return local.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture)
            + sign + (tz / 3600).ToString("00", CultureInfo.InvariantCulture) + ":" + (tz / 60 % 60).ToString("00", CultureInfo.InvariantCulture);
    }

    /// <summary>Formats <c>[-][D+]hh:mm:ss[.fff]</c>, dropping leading zero fields, with HTCondor's 32-bit <c>int</c>
    /// fields (util.cpp relTimeToString: <c>days = (int) rsecs</c>, so a NaN or out-of-range time prints as x86 converts it).</summary>
    public static string RelativeTime(double seconds)
    {
        var prefix = string.Empty;
        if (seconds < 0)
        {
            prefix = "-";
            seconds = -seconds;
        }

        var fraction = seconds - Math.Floor(seconds);
        var whole = CInt(seconds);
        var hours = whole % 86400;
        var minutes = hours % 3600;
        var secs = (minutes % 60) + fraction;
        var days = whole / 86400;
        hours /= 3600;
        minutes /= 60;
        var s = fraction == 0 ? Two(CInt(secs)) : Seconds(secs);
        var body = days != 0
            ? days.ToString(CultureInfo.InvariantCulture) + "+" + Two(hours) + ":" + Two(minutes) + ":" + s
            : hours != 0 ? Two(hours) + ":" + Two(minutes) + ":" + s
            : minutes != 0 ? Two(minutes) + ":" + s
            : s;
        return prefix + body;
    }

    // C's (int) of a double on x86-64 (cvttsd2si): NaN and values out of range become INT_MIN.
    private static int CInt(double d) => d is >= -2147483648.0 and < 2147483648.0 ? (int)d : int.MinValue;

    // printf("%02d").
    private static string Two(int v) => v is >= 0 and < 10 ? "0" + (char)('0' + v) : v.ToString(CultureInfo.InvariantCulture);

    // printf("%02g").
    private static string Seconds(double secs)
    {
        if (!double.IsFinite(secs))
        {
            return (double.IsNegative(secs) ? "-" : string.Empty) + (double.IsNaN(secs) ? "nan" : "inf");
        }

        var g = RealFormatter.CFormatG(secs, 6).Replace('E', 'e');
        return g.Length < 2 ? g.PadLeft(2, '0') : g;
    }
}
