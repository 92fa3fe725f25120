using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>Arithmetic on absolute and relative times, as operators.cpp doTimeArithmetic does it (a relative time added to an
/// absolute one is cast to a 32-bit int first); any other combination is ERROR.</summary>
internal static class TimeArithmetic
{
    public static Value Apply(OpKind op, Value a, Value b)
    {
        var ka = a.Kind;
        var kb = b.Kind;
        switch (op)
        {
            case OpKind.Add when ka == ValueKind.AbsoluteTime && kb == ValueKind.RelativeTime:
                return Value.FromAbsoluteTime(a.AsInteger + Functions.TimeFunctions.CInt(b.AsReal), a.TimeZoneOffset);
            case OpKind.Add when ka == ValueKind.RelativeTime && kb == ValueKind.AbsoluteTime:
                return Value.FromAbsoluteTime(b.AsInteger + Functions.TimeFunctions.CInt(a.AsReal), b.TimeZoneOffset);
            case OpKind.Add when ka == ValueKind.RelativeTime && kb == ValueKind.RelativeTime:
                return Value.FromRelativeTime(a.AsReal + b.AsReal);
            case OpKind.Subtract when ka == ValueKind.AbsoluteTime && kb == ValueKind.AbsoluteTime:
                return Value.FromRelativeTime(a.AsInteger - b.AsInteger);
            case OpKind.Subtract when ka == ValueKind.AbsoluteTime && kb == ValueKind.RelativeTime:
                return Value.FromAbsoluteTime(a.AsInteger - Functions.TimeFunctions.CInt(b.AsReal), a.TimeZoneOffset);
            case OpKind.Subtract when ka == ValueKind.RelativeTime && kb == ValueKind.RelativeTime:
                return Value.FromRelativeTime(a.AsReal - b.AsReal);
            case OpKind.Multiply or OpKind.Divide when ka == ValueKind.RelativeTime && kb is ValueKind.Integer or ValueKind.Real:
                {
                    var n = kb == ValueKind.Integer ? b.AsInteger : b.AsReal;
                    return Value.FromRelativeTime(op == OpKind.Multiply ? a.AsReal * n : a.AsReal / n);
                }

            case OpKind.Multiply when kb == ValueKind.RelativeTime && ka is ValueKind.Integer or ValueKind.Real:
                return Value.FromRelativeTime((ka == ValueKind.Integer ? a.AsInteger : a.AsReal) * b.AsReal);
            default:
                return Value.Error;
        }
    }
}
