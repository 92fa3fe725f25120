using System.Globalization;
using System.Text;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>C's <c>strftime</c> in the "C" locale, which <c>formatTime</c> follows.</summary>
internal static class Strftime
{
    private static readonly string[] Days = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

    private static readonly string[] Months =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    /// <summary>Formats <paramref name="t"/>, reading <c>%s</c> and <c>%Z</c> in <paramref name="clock"/>'s local zone; an
    /// unknown conversion is copied as written.</summary>
    public static string Format(string format, TimeParts t, TimeProvider clock)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%' || i + 1 >= format.Length)
            {
                sb.Append(format[i]);
                continue;
            }

            var c = format[++i];
            if (!Append(sb, c, t, clock))
            {
                sb.Append('%').Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool Append(StringBuilder sb, char c, TimeParts t, TimeProvider clock)
    {
        switch (c)
        {
            case 'a': sb.Append(Abbreviation(DayName(t.WeekDay))); break;
            case 'A': sb.Append(DayName(t.WeekDay)); break;
            case 'b' or 'h': sb.Append(Abbreviation(MonthName(t.Month))); break;
            case 'B': sb.Append(MonthName(t.Month)); break;
            case 'c': Append(sb, "%a %b %e %H:%M:%S %Y", t, clock); break;
            case 'C': sb.Append(Pad(FloorDiv(t.Year, 100), 2)); break;
            case 'd': sb.Append(Pad(t.Day, 2)); break;
            case 'D' or 'x': Append(sb, "%m/%d/%y", t, clock); break;
            case 'e': sb.Append(t.Day.ToString(CultureInfo.InvariantCulture).PadLeft(2)); break;
            case 'F': Append(sb, "%Y-%m-%d", t, clock); break;
            case 'H': sb.Append(Pad(t.Hour, 2)); break;
            case 'I': sb.Append(Pad(t.Hour % 12 == 0 ? 12 : t.Hour % 12, 2)); break;
            case 'j': sb.Append(Pad(t.YearDay + 1, 3)); break;
            case 'm': sb.Append(Pad(t.Month, 2)); break;
            case 'M': sb.Append(Pad(t.Minute, 2)); break;
            case 'n': sb.Append('\n'); break;
            case 'p': sb.Append(t.Hour < 12 ? "AM" : "PM"); break;
            case 'r': Append(sb, "%I:%M:%S %p", t, clock); break;
            case 'R': Append(sb, "%H:%M", t, clock); break;
            case 'S': sb.Append(Pad(t.Second, 2)); break;

            // glibc: mktime of the fields, read in the local zone.
            case 's': sb.Append(t.FieldSeconds - LocalClock.Offset(clock, t.FieldSeconds)); break;
            case 't': sb.Append('\t'); break;
            case 'T' or 'X': Append(sb, "%H:%M:%S", t, clock); break;
            case 'u': sb.Append(t.WeekDay == 0 ? 7 : t.WeekDay); break;
            case 'U': sb.Append(Pad((t.YearDay + 7 - t.WeekDay) / 7, 2)); break;
            case 'w': sb.Append(t.WeekDay); break;
            case 'W': sb.Append(Pad((t.YearDay + 7 - ((t.WeekDay + 6) % 7)) / 7, 2)); break;
            case 'y': sb.Append(Pad(((t.Year % 100) + 100) % 100, 2)); break;
            case 'Y': sb.Append(t.Year); break;
            case 'z': sb.Append(Zone(t.Offset)); break;

            // The tm that HTCondor builds carries no zone name; glibc then prints the local standard zone's name.
            case 'Z': sb.Append(LocalZoneName(clock)); break;
            case '%': sb.Append('%'); break;
            default: return false;
        }

        return true;
    }

    private static void Append(StringBuilder sb, string format, TimeParts t, TimeProvider clock) => sb.Append(Format(format, t, clock));

    private static string DayName(int weekDay) => weekDay is >= 0 and < 7 ? Days[weekDay] : "?";

    private static string MonthName(long month) => month is >= 1 and <= 12 ? Months[month - 1] : "?";

    private static string Abbreviation(string name) => name.Length > 3 ? name[..3] : name;

    private static string Pad(long n, int width) =>
        n < 0 ? "-" + (-n).ToString(CultureInfo.InvariantCulture).PadLeft(width - 1, '0') : n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');

    private static long FloorDiv(long a, long b) => a >= 0 ? a / b : ((a + 1) / b) - 1;

    private static string Zone(int offset)
    {
        var sign = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset);
        return sign + Pad(abs / 3600, 2) + Pad(abs / 60 % 60, 2);
    }

    private static string LocalZoneName(TimeProvider clock)
    {
        var zone = clock.LocalTimeZone;
        if (zone.BaseUtcOffset == TimeSpan.Zero)
        {
            return zone.Id is "Etc/UTC" or "UTC" or "Etc/Universal" or "Universal" or "Etc/Zulu" or "Zulu" ? "UTC" : "GMT";
        }

        return Zone((int)zone.BaseUtcOffset.TotalSeconds);
    }
}
