using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Broken-down times: <c>splitTime</c> and <c>formatTime</c>.</summary>
internal static class SplitTimeFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["splitTime"] = Args.Fixed(1, (v, ev) => v[0].IsUndefined ? Value.Undefined : SplitTime(v[0], ev.Clock));
        t["formatTime"] = Args.Range(0, 2, FormatTime);
    }

    // splitTime() is not in the manual; HTCondor's makes an ad of the fields of an absolute time (Type, Year, Month,
    // Day, Hours, Minutes, Seconds, Offset) or a relative one (Type, Days, Hours, Minutes, Seconds as a real).
    // Numbers are absolute times in the local zone.
    private static Value SplitTime(Value v, TimeProvider clock)
    {
        var ad = new ClassAd();
        switch (v.Kind)
        {
            case ValueKind.Integer or ValueKind.Real or ValueKind.AbsoluteTime:
                {
                    var (seconds, offset) = Instant(v, clock);
                    var p = TimeParts.FromInstant(seconds, offset);
                    ad.InsertValue("Type", Value.FromString("AbsoluteTime"));
                    ad.InsertValue("Year", Value.FromInteger(p.Year));
                    ad.InsertValue("Month", Value.FromInteger(p.Month));
                    ad.InsertValue("Day", Value.FromInteger(p.Day));
                    ad.InsertValue("Hours", Value.FromInteger(p.Hour));
                    ad.InsertValue("Minutes", Value.FromInteger(p.Minute));
                    ad.InsertValue("Seconds", Value.FromInteger(p.Second));
                    ad.InsertValue("Offset", Value.FromInteger(p.Offset));
                    break;
                }

            case ValueKind.RelativeTime:
                {
                    // fnCall.cpp relTimeToClassAd: days = (int) rsecs, in 32-bit ints.
                    var r = Math.Abs(v.AsReal);
                    long whole = TimeFunctions.CInt(r);
                    long days = whole / 86400, hours = whole % 86400 / 3600, minutes = whole % 3600 / 60;
                    var seconds = (whole % 60) + (r - Math.Floor(r));
                    if (v.AsReal < 0)
                    {
                        // Only the leading non-zero field carries the sign.
                        if (days > 0)
                        {
                            days = -days;
                        }
                        else if (hours > 0)
                        {
                            hours = -hours;
                        }
                        else if (minutes > 0)
                        {
                            minutes = -minutes;
                        }
                        else
                        {
                            seconds = -seconds;
                        }
                    }

                    ad.InsertValue("Type", Value.FromString("RelativeTime"));
                    ad.InsertValue("Days", Value.FromInteger(days));
                    ad.InsertValue("Hours", Value.FromInteger(hours));
                    ad.InsertValue("Minutes", Value.FromInteger(minutes));
                    ad.InsertValue("Seconds", Value.FromReal(seconds));
                    break;
                }

            default:
                return Value.Error;
        }

        return Value.FromClassAd(ad);
    }

    // Manual, formatTime(): time is seconds since the epoch (default now), format is as C's strftime (default
    // "%c"). As in HTCondor, an absolute time prints in its own zone, a number in the local zone, an ad from
    // splitTime() by its fields; a relative time is ERROR.
    private static Value FormatTime(ReadOnlySpan<Value> v, Evaluator ev)
    {
        TimeParts parts;
        if (v.Length == 0)
        {
            var now = LocalClock.NowSeconds(ev.Clock);
            parts = TimeParts.FromInstant(now, LocalClock.Offset(ev.Clock, now));
        }
        else if (v[0].Kind is ValueKind.Integer or ValueKind.Real or ValueKind.AbsoluteTime)
        {
            var (seconds, offset) = Instant(v[0], ev.Clock);
            parts = TimeParts.FromInstant(seconds, offset);
        }
        else if (v[0].Kind == ValueKind.ClassAd)
        {
            var ad = v[0].AsClassAd;
            parts = new TimeParts(
                Field(ad, "Year", ev, 1900), Field(ad, "Month", ev, 1), Field(ad, "Day", ev, 0),
                Field(ad, "Hours", ev, 0), Field(ad, "Minutes", ev, 0), Field(ad, "Seconds", ev, 0), (int)Field(ad, "Offset", ev, 0));
        }
        else
        {
            return Value.Error;
        }

        var format = "%c";
        if (v.Length == 2 && !Coerce.TryString(v[1], out format))
        {
            return Value.Error;
        }

        return Value.FromString(Strftime.Format(format, parts, ev.Clock));
    }

    private static (long Seconds, int Offset) Instant(Value v, TimeProvider clock)
    {
        if (v.Kind == ValueKind.AbsoluteTime)
        {
            return (v.AsInteger, v.TimeZoneOffset);
        }

        // fnCall.cpp doSplitTime: a real is read as (int) seconds.
        var seconds = v.Kind == ValueKind.Integer ? v.AsInteger : TimeFunctions.CInt(v.AsReal);
        return (seconds, LocalClock.Offset(clock, seconds));
    }

    private static long Field(ClassAd ad, string name, Evaluator ev, long missing)
    {
        var expr = ad.Lookup(name);
        if (expr is null)
        {
            return missing;
        }

        var value = ev.EvalBound(ad, expr);
        return value.Kind == ValueKind.Integer ? value.AsInteger : missing;
    }
}
