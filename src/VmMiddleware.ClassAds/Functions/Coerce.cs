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

        // HTCondor reads the relative time into a whole number of seconds before printing it.
        ValueKind.RelativeTime => Value.FromString(TimeFormatter.RelativeTime(Math.Truncate(v.AsReal))),
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
                return Value.FromReal(Math.Truncate(v.AsReal));
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
            case ValueKind.RelativeTime:
                return Truncate(v.AsReal);
            default:
                return Value.Error;
        }
    }

    /// <summary>Truncates a real toward zero; NaN and infinities have no integer value and are ERROR.</summary>
    public static Value Truncate(double d) =>
        double.IsFinite(d) ? Value.FromInteger((long)Math.Clamp(Math.Truncate(d), long.MinValue, long.MaxValue)) : Value.Error;

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
