using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>The time getters <c>getYear</c> ... <c>getSeconds</c>, as fnCall.cpp getField computes them.</summary>
internal static class TimeFieldFunctions
{
    private enum Field
    {
        Year,
        Month,
        DayOfYear,
        DayOfMonth,
        DayOfWeek,
        Days,
        Hours,
        Minutes,
        Seconds,
    }

    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["getYear"] = Getter(Field.Year);
        t["getMonth"] = Getter(Field.Month);
        t["getDayOfYear"] = Getter(Field.DayOfYear);
        t["getDayOfMonth"] = Getter(Field.DayOfMonth);
        t["getDayOfWeek"] = Getter(Field.DayOfWeek);
        t["getDays"] = Getter(Field.Days);
        t["getHours"] = Getter(Field.Hours);
        t["getMinutes"] = Getter(Field.Minutes);
        t["getSeconds"] = Getter(Field.Seconds);
    }

    private static BuiltinFunction Getter(Field field) => Args.Fixed(1, (v, ev) => Get(v[0], field, ev.Clock));

    // An absolute time is broken down in the local zone (getLocalTime), whatever its own offset; getDays is ERROR for
    // it. A relative time is read as (int) seconds (Value::IsRelativeTimeValue(time_t&)); the calendar fields are ERROR
    // for it. Anything else is ERROR, UNDEFINED included.
    private static Value Get(Value v, Field field, TimeProvider clock)
    {
        if (v.Kind == ValueKind.AbsoluteTime)
        {
            var secs = v.AsInteger;
            var p = TimeParts.FromInstant(secs, LocalClock.Offset(clock, secs));
            return field switch
            {
                Field.Year => Value.FromInteger(p.Year),
                Field.Month => Value.FromInteger(p.Month),
                Field.DayOfYear => Value.FromInteger(p.YearDay),
                Field.DayOfMonth => Value.FromInteger(p.Day),
                Field.DayOfWeek => Value.FromInteger(p.WeekDay),
                Field.Hours => Value.FromInteger(p.Hour),
                Field.Minutes => Value.FromInteger(p.Minute),
                Field.Seconds => Value.FromInteger(p.Second),
                _ => Value.Error,
            };
        }

        if (v.Kind == ValueKind.RelativeTime)
        {
            long r = TimeFunctions.CInt(v.AsReal);
            return field switch
            {
                Field.Days => Value.FromInteger(r / 86400),
                Field.Hours => Value.FromInteger(r % 86400 / 3600),
                Field.Minutes => Value.FromInteger(r % 3600 / 60),
                Field.Seconds => Value.FromInteger(r % 60),
                _ => Value.Error,
            };
        }

        return Value.Error;
    }
}
