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

    /// <summary>Formats <c>[-][D+]hh:mm:ss[.fff]</c>, dropping leading zero fields as HTCondor does.</summary>
    public static string RelativeTime(double seconds)
    {
        var prefix = string.Empty;
        if (seconds < 0)
        {
            prefix = "-";
            seconds = -seconds;
        }

        var fraction = seconds - Math.Floor(seconds);
        var whole = (long)seconds;
        var days = whole / 86400;
        var hours = whole % 86400 / 3600;
        var minutes = whole % 3600 / 60;
        var secs = (whole % 60) + fraction;
        var s = fraction == 0 ? ((long)secs).ToString("00", CultureInfo.InvariantCulture) : Seconds(secs);
        var body = days != 0
            ? days.ToString(CultureInfo.InvariantCulture) + "+" + Two(hours) + ":" + Two(minutes) + ":" + s
            : hours != 0 ? Two(hours) + ":" + Two(minutes) + ":" + s
            : minutes != 0 ? Two(minutes) + ":" + s
            : s;
        return prefix + body;
    }

    private static string Two(long v) => v.ToString("00", CultureInfo.InvariantCulture);

    private static string Seconds(double secs)
    {
        var g = RealFormatter.CFormatG(secs, 6);
        return g.Length < 2 ? g.PadLeft(2, '0') : g;
    }
}
