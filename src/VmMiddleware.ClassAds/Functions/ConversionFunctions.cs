using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>The conversions <c>int</c>, <c>real</c>, <c>string</c> and <c>bool</c>.</summary>
internal static class ConversionFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        // fnCall.cpp convInt/convReal/convString call value.cpp's convertValueTo*Value, which keep UNDEFINED (the
        // manual says ERROR; the code decides).
        t["int"] = Args.Fixed(1, (v, _) => Coerce.ToInteger(v[0]));
        t["real"] = Args.Fixed(1, (v, _) => Coerce.ToReal(v[0]));
        t["string"] = Args.Fixed(1, (v, _) => Coerce.ToStringValue(v[0]));
        t["bool"] = Args.Fixed(1, (v, _) => ToBool(v[0]));
    }

    private static Value ToBool(Value v)
    {
        switch (v.Kind)
        {
            case ValueKind.Undefined:
            case ValueKind.Boolean:
                return v;
            case ValueKind.Integer:
                return Value.FromBoolean(v.AsInteger != 0);
            case ValueKind.Real:
                return Value.FromBoolean(v.AsReal != 0.0);
            case ValueKind.RelativeTime:
                return Value.FromBoolean(Math.Truncate(v.AsReal) != 0.0);
            case ValueKind.String:
                // Only the words true and false convert; any other string has no truth value.
                return v.AsString.Equals("true", StringComparison.OrdinalIgnoreCase) ? Value.True
                    : v.AsString.Equals("false", StringComparison.OrdinalIgnoreCase) ? Value.False
                    : Value.Undefined;
            default:
                return Value.Error;
        }
    }
}
