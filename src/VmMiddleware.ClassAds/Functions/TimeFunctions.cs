using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Time functions: <c>time</c>, <c>absTime</c>, <c>relTime</c>, <c>interval</c>; the clock is the evaluation's (<see cref="Evaluation.Evaluator.Clock"/>).</summary>
internal static class TimeFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        // Manual, time(): "Returns the current coordinated universal time", in seconds since 1970-01-01.
        t["time"] = Args.Fixed(0, (_, ev) => Value.FromInteger(LocalClock.NowSeconds(ev.Clock)));
        t["absTime"] = Args.Range(0, 2, (v, ev) => AbsTime(v, ev.Clock));
        t["relTime"] = Args.Range(1, 2, (v, _) => RelTime(v));
        t["interval"] = Args.Fixed(1, (v, _) => Interval(v[0]));
    }

    // fnCall.cpp convTime. No arguments is now. A second argument (the zone, seconds east of UTC) is read as a 32-bit
    // int from an integer, real or relative time; relTime takes none. Integers are read as 32-bit ints, reals as
    // (int) casts; a string met at run time (literal strings were folded by the parser) falls into the absolute-time
    // case there: absTime returns it unchanged, relTime gives relTime(0).
    private static Value AbsTime(ReadOnlySpan<Value> v, TimeProvider clock)
    {
        if (v.Length == 0)
        {
            var now = LocalClock.NowSeconds(clock);
            return Value.FromAbsoluteTime(now, LocalClock.Offset(clock, now));
        }

        int? zone = null;
        if (v.Length == 2)
        {
            switch (v[1].Kind)
            {
                case ValueKind.Integer: zone = unchecked((int)v[1].AsInteger); break;
                case ValueKind.Real or ValueKind.RelativeTime: zone = CInt(v[1].AsReal); break;
                default: return Value.Error;
            }
        }

        long seconds;
        switch (v[0].Kind)
        {
            case ValueKind.Undefined:
                return Value.Undefined;
            case ValueKind.String or ValueKind.AbsoluteTime:
                return v[0];
            case ValueKind.Integer:
                seconds = unchecked((int)v[0].AsInteger);
                break;
            case ValueKind.Real or ValueKind.RelativeTime:
                seconds = CInt(v[0].AsReal);
                break;
            default:
                return Value.Error;
        }

        return Value.FromAbsoluteTime(seconds, zone ?? LocalClock.Offset(clock, seconds));
    }

    private static Value RelTime(ReadOnlySpan<Value> v)
    {
        if (v.Length != 1)
        {
            return Value.Error;
        }

        return v[0].Kind switch
        {
            ValueKind.Undefined => Value.Undefined,
            ValueKind.Integer => Value.FromRelativeTime(unchecked((int)v[0].AsInteger)),
            ValueKind.Real => Value.FromRelativeTime(v[0].AsReal),
            ValueKind.String => Value.FromRelativeTime(0),
            ValueKind.AbsoluteTime => Value.FromRelativeTime(v[0].AsInteger),
            ValueKind.RelativeTime => v[0],
            _ => Value.Error,
        };
    }

    /// <summary>C's <c>(int)</c> of a double on x86-64: NaN and out-of-range values are <c>int.MinValue</c>.</summary>
    internal static int CInt(double d) => d is >= -2147483648.0 and < 2147483648.0 ? (int)d : int.MinValue;

    // Manual, interval(): "days+hh:mm:ss", leading zero values omitted. HTCondor pads every field after the first
    // to two digits ("4+03:02:01", which functional_tests.txt expects); the manual's "17+1:02:03" drops that pad.
    private static Value Interval(Value v)
    {
        var i = Coerce.ToInteger(v);
        if (i.Kind != ValueKind.Integer)
        {
            return Value.Error;
        }

        // fnCall.cpp interval reads the seconds as a 32-bit int (IsIntegerValue(int&)).
        var total = unchecked((int)i.AsInteger);
        var days = total / 86400;
        var hours = total % 86400 / 3600;
        var minutes = total % 3600 / 60;
        var seconds = total % 60;
        var text = days != 0 ? $"{days}+{Math.Abs(hours):00}:{Math.Abs(minutes):00}:{Math.Abs(seconds):00}"
            : hours != 0 ? $"{hours}:{Math.Abs(minutes):00}:{Math.Abs(seconds):00}"
            : minutes != 0 ? $"{minutes}:{Math.Abs(seconds):00}"
            : $"{seconds}";
        return Value.FromString(text);
    }
}
