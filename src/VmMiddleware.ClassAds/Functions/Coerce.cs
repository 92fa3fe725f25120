using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>HTCondor's value conversions (<c>convertValueToStringValue</c> and friends) shared by the function families.</summary>
internal static class Coerce
{
    /// <summary>Converts to a string: UNDEFINED and ERROR stay as they are; times print bare; lists, ads and numbers are unparsed.</summary>
    public static Value ToStringValue(Value v) => v.Kind switch
    {
        ValueKind.Undefined or ValueKind.Error or ValueKind.String => v,
        ValueKind.AbsoluteTime => Value.FromString(TimeFormatter.AbsoluteTime(v.AsInteger, v.TimeZoneOffset)),

        // HTCondor reads the relative time as (int) seconds (Value::IsRelativeTimeValue(time_t&)) before printing it.
        ValueKind.RelativeTime => Value.FromString(TimeFormatter.RelativeTime(TimeFunctions.CInt(v.AsReal))),
        ValueKind.List or ValueKind.ClassAd => Value.FromString(Unparser.UnparseInHTCondorOrder(v)),
        _ => Value.FromString(Unparser.Unparse(v)),
    };

    /// <summary>Converts to a real: strings as C's strtod reads them; UNDEFINED stays; lists and ads are ERROR.</summary>
    public static Value ToReal(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Undefined:
            case ValueKind.Error:
                return v;
            case ValueKind.String:
                return CNumber.TryParsePrefix(v.AsString, out var d) ? Value.FromReal(d) : Value.Error;
            case ValueKind.Boolean:
                return Value.FromReal(v.AsBoolean ? 1.0 : 0.0);
            case ValueKind.Integer:
            case ValueKind.AbsoluteTime:
                return Value.FromReal(v.AsInteger);
            case ValueKind.Real:
                return v;
            case ValueKind.RelativeTime:
                return Value.FromReal(TimeFunctions.CInt(v.AsReal));
            default:
                return Value.Error;
        }
    }

    /// <summary>Converts to an integer: reals and strings truncate toward zero; UNDEFINED stays; lists and ads are ERROR.</summary>
    public static Value ToInteger(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Undefined:
            case ValueKind.Error:
                return v;
            case ValueKind.String:
                return CNumber.TryParsePrefix(v.AsString, out var d) ? Truncate(d) : Value.Error;
            case ValueKind.Boolean:
                return Value.FromInteger(v.AsBoolean ? 1 : 0);
            case ValueKind.Integer:
                return v;
            case ValueKind.AbsoluteTime:
                return Value.FromInteger(v.AsInteger);
            case ValueKind.Real:
                return Truncate(v.AsReal);
            case ValueKind.RelativeTime:
                return Value.FromInteger(TimeFunctions.CInt(v.AsReal));
            default:
                return Value.Error;
        }
    }

    /// <summary>Truncates a real toward zero as C's <c>(long long)</c> does on x86-64 (value.cpp convertValueToIntegerValue):
    /// NaN, infinities and values out of range become the smallest integer.</summary>
    public static Value Truncate(double d) => Value.FromInteger(CLong(d));

    /// <summary>C's <c>(long long)</c> of a double on x86-64 (cvttsd2si): NaN and out-of-range values are <c>long.MinValue</c>.</summary>
    public static long CLong(double d) => d is >= -9.2233720368547758E18 and < 9.2233720368547758E18 ? (long)d : long.MinValue;

    /// <summary>Reads a string argument, or returns false.</summary>
    public static bool TryString(Value v, out string s)
    {
        s = v.Kind == ValueKind.String ? v.AsString : string.Empty;
        return v.Kind == ValueKind.String;
    }

    /// <summary>Evaluates the elements of a list value, each in the list's own scope.</summary>
    public static Value[] Elements(Value list, Evaluation.Evaluator ev)
    {
        var l = list.AsList;
        var values = new Value[l.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ev.EvalIn(l.Items[i], l.Scope);
        }

        return values;
    }
}
