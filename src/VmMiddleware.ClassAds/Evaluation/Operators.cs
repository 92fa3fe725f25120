using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>The strict operators on values, with HTCondor's promotions (booleans to integers, integers to reals) and error rules.</summary>
public static class Operators
{
    /// <summary>Applies a unary operator.</summary>
    public static Value Unary(OpKind op, Value v)
    {
        switch (op)
        {
            case OpKind.UnaryPlus:
                return v.Kind is ValueKind.Boolean or ValueKind.String or ValueKind.List or ValueKind.ClassAd or ValueKind.AbsoluteTime
                    ? Value.Error
                    : v;
            case OpKind.UnaryMinus:
                return v.Kind switch
                {
                    ValueKind.Undefined or ValueKind.Error => v,
                    ValueKind.Integer => Value.FromInteger(unchecked(-v.AsInteger)),
                    ValueKind.Real => Value.FromReal(-v.AsReal),
                    ValueKind.RelativeTime => Value.FromRelativeTime(-v.AsReal),
                    _ => Value.Error,
                };
            case OpKind.LogicalNot:
                if (v.IsExceptional)
                {
                    return v;
                }

                return v.TryGetTruth(out var b) ? Value.FromBoolean(!b) : Value.Error;
            case OpKind.BitwiseNot:
                return v.IsExceptional ? v : v.Kind == ValueKind.Integer ? Value.FromInteger(~v.AsInteger) : Value.Error;
            default:
                return Value.Error;
        }
    }

    /// <summary>Applies a strict or meta binary operator (not &amp;&amp;, || or ?:, which are non-strict).</summary>
    public static Value Binary(OpKind op, Value a, Value b)
    {
        // Comparing two integers is the commonest case in Requirements.
        if (a.Kind == ValueKind.Integer && b.Kind == ValueKind.Integer && op <= OpKind.GreaterThan)
        {
            return Order(op, a.AsInteger.CompareTo(b.AsInteger));
        }

        if (op is OpKind.MetaEqual or OpKind.MetaNotEqual)
        {
            // operators.cpp doComparison: two lists or two ads are not compared by the meta operators: ERROR.
            if (a.Kind == b.Kind && a.Kind is ValueKind.List or ValueKind.ClassAd)
            {
                return Value.Error;
            }

            var same = Identical(a, b);
            return Value.FromBoolean(op == OpKind.MetaEqual ? same : !same);
        }

        if (a.IsError || b.IsError)
        {
            return Value.Error;
        }

        if (a.IsUndefined || b.IsUndefined)
        {
            return Value.Undefined;
        }

        return op switch
        {
            >= OpKind.LessThan and <= OpKind.GreaterThan => Compare(op, a, b),
            >= OpKind.Add and <= OpKind.Modulus => Arithmetic(op, a, b),
            >= OpKind.BitwiseOr and <= OpKind.UnsignedRightShift => Bitwise(op, a, b),
            _ => Value.Error,
        };
    }

    /// <summary>The non-strict logical and, given both operand values.</summary>
    public static Value LogicalAnd(Value a, Value b) => Logical(a, b, decisive: false);

    /// <summary>The non-strict logical or, given both operand values.</summary>
    public static Value LogicalOr(Value a, Value b) => Logical(a, b, decisive: true);

    // HTCondor's table for && (decisive false) and || (decisive true): a decisive left operand settles it; otherwise
    // ERROR wins over everything, a boolean left operand yields the right one, and an UNDEFINED left operand yields
    // the decisive value only if the right operand is decisive.
    private static Value Logical(Value a, Value b, bool decisive)
    {
        var ta = ToLogical(a);
        var tb = ToLogical(b);
        if (!IsLogical(ta.Kind))
        {
            return Value.Error;
        }

        if (ta.Kind == ValueKind.Boolean && ta.AsBoolean == decisive)
        {
            return Value.FromBoolean(decisive);
        }

        if (!IsLogical(tb.Kind) || ta.IsError)
        {
            return Value.Error;
        }

        if (ta.Kind == ValueKind.Boolean || tb.Kind != ValueKind.Boolean)
        {
            return tb;
        }

        return tb.AsBoolean == decisive ? Value.FromBoolean(decisive) : Value.Undefined;
    }

    private static bool IsLogical(ValueKind kind) => kind is ValueKind.Boolean or ValueKind.Undefined or ValueKind.Error;

    private static Value ToLogical(Value v) => v.Kind is ValueKind.Integer or ValueKind.Real && v.TryGetTruth(out var t) ? Value.FromBoolean(t) : v;

    /// <summary>The meta-equality of HTCondor's <c>=?=</c>: same type and same value, strings compared case-sensitively.</summary>
    public static bool Identical(Value a, Value b)
    {
        if (a.Kind != b.Kind)
        {
            return false;
        }

        return a.Kind switch
        {
            ValueKind.Undefined or ValueKind.Error => true,
            ValueKind.Boolean => a.AsBoolean == b.AsBoolean,
            ValueKind.Integer => a.AsInteger == b.AsInteger,
            ValueKind.Real or ValueKind.RelativeTime => a.AsReal == b.AsReal,
            ValueKind.String => string.Equals(a.AsString, b.AsString, StringComparison.Ordinal),
            ValueKind.AbsoluteTime => a.AsInteger == b.AsInteger && a.TimeZoneOffset == b.TimeZoneOffset,
            _ => false,
        };
    }

    /// <summary>C's strcasecmp in the C locale: ASCII letters folded to lower case (so '_' and '^' sort after capitals,
    /// unlike .NET's OrdinalIgnoreCase, which folds to upper case); the sign of the result is what matters.</summary>
    internal static int CaseInsensitiveCompare(string a, string b)
    {
        var n = Math.Min(a.Length, b.Length);
        for (var i = 0; i < n; i++)
        {
            int x = a[i], y = b[i];
            if (x != y)
            {
                x = (uint)(x - 'A') <= 'Z' - 'A' ? x + 32 : x;
                y = (uint)(y - 'A') <= 'Z' - 'A' ? y + 32 : y;
                if (x != y)
                {
                    return x - y;
                }
            }
        }

        return a.Length - b.Length;
    }

    private static Value Compare(OpKind op, Value a, Value b)
    {
        if (a.Kind is ValueKind.List or ValueKind.ClassAd || b.Kind is ValueKind.List or ValueKind.ClassAd)
        {
            return Value.Error;
        }

        if (a.Kind == ValueKind.String || b.Kind == ValueKind.String)
        {
            if (a.Kind != b.Kind)
            {
                return Value.Error;
            }

            return Order(op, CaseInsensitiveCompare(a.AsString, b.AsString));
        }

        if (a.Kind == ValueKind.AbsoluteTime || b.Kind == ValueKind.AbsoluteTime)
        {
            return a.Kind == b.Kind ? Order(op, a.AsInteger.CompareTo(b.AsInteger)) : Value.Error;
        }

        if (a.Kind == ValueKind.RelativeTime || b.Kind == ValueKind.RelativeTime)
        {
            return a.Kind == b.Kind ? OrderReal(op, a.AsReal, b.AsReal) : Value.Error;
        }

        // Booleans promote to integers; integers promote to reals when the other side is real.
        var ia = a.Kind == ValueKind.Real ? 0 : a.AsInteger;
        var ib = b.Kind == ValueKind.Real ? 0 : b.AsInteger;
        if (a.Kind != ValueKind.Real && b.Kind != ValueKind.Real)
        {
            return Order(op, ia.CompareTo(ib));
        }

        return OrderReal(op, a.Kind == ValueKind.Real ? a.AsReal : ia, b.Kind == ValueKind.Real ? b.AsReal : ib);
    }

    private static Value Order(OpKind op, int c) => Value.FromBoolean(op switch
    {
        OpKind.LessThan => c < 0,
        OpKind.LessOrEqual => c <= 0,
        OpKind.Equal => c == 0,
        OpKind.NotEqual => c != 0,
        OpKind.GreaterOrEqual => c >= 0,
        _ => c > 0,
    });

    private static Value OrderReal(OpKind op, double x, double y) => Value.FromBoolean(op switch
    {
        OpKind.LessThan => x < y,
        OpKind.LessOrEqual => x <= y,
        OpKind.Equal => x == y,
        OpKind.NotEqual => x != y,
        OpKind.GreaterOrEqual => x >= y,
        _ => x > y,
    });

    private static Value Arithmetic(OpKind op, Value a, Value b)
    {
        if (!IsArithmetic(a.Kind) || !IsArithmetic(b.Kind))
        {
            return Value.Error;
        }

        if (a.Kind is ValueKind.AbsoluteTime or ValueKind.RelativeTime || b.Kind is ValueKind.AbsoluteTime or ValueKind.RelativeTime)
        {
            return TimeArithmetic.Apply(op, a, b);
        }

        if (a.Kind != ValueKind.Real && b.Kind != ValueKind.Real)
        {
            long x = a.AsInteger, y = b.AsInteger;
            switch (op)
            {
                case OpKind.Add: return Value.FromInteger(unchecked(x + y));
                case OpKind.Subtract: return Value.FromInteger(unchecked(x - y));
                case OpKind.Multiply: return Value.FromInteger(unchecked(x * y));
                case OpKind.Divide:
                    if (x == long.MinValue && y == -1)
                    {
                        return Value.FromInteger(long.MaxValue);
                    }

                    return y == 0 ? Value.Error : Value.FromInteger(x / y);
                default:
                    if (x == long.MinValue && y == -1)
                    {
                        return Value.FromInteger(0);
                    }

                    return y == 0 ? Value.Error : Value.FromInteger(x % y);
            }
        }

        var r1 = a.Kind == ValueKind.Real ? a.AsReal : a.AsInteger;
        var r2 = b.Kind == ValueKind.Real ? b.AsReal : b.AsInteger;
        var r = op switch
        {
            OpKind.Add => r1 + r2,
            OpKind.Subtract => r1 - r2,
            OpKind.Multiply => r1 * r2,
            OpKind.Divide => r1 / r2,
            _ => double.NaN,
        };

        // HTCondor reports ERROR for a real remainder and for results that overflow to +HUGE_VAL.
        return op == OpKind.Modulus || double.IsPositiveInfinity(r) ? Value.Error : Value.FromReal(r);
    }

    private static bool IsArithmetic(ValueKind k) =>
        k is ValueKind.Integer or ValueKind.Real or ValueKind.Boolean or ValueKind.AbsoluteTime or ValueKind.RelativeTime;

    private static Value Bitwise(OpKind op, Value a, Value b)
    {
        if (a.Kind != ValueKind.Integer || b.Kind != ValueKind.Integer)
        {
            return Value.Error;
        }

        long x = a.AsInteger, y = b.AsInteger;
        return Value.FromInteger(op switch
        {
            OpKind.BitwiseOr => x | y,
            OpKind.BitwiseAnd => x & y,
            OpKind.BitwiseXor => x ^ y,
            OpKind.LeftShift => x << (int)(y & 63),
            OpKind.RightShift => RightShift(x, y),
            _ => UnsignedRightShift(x, y),
        });
    }

    // operators.cpp doBitwise, as x86-64 runs it (a shift count is taken mod 64): a negative number is shifted one bit
    // at a time min(64, y) times with the sign bit set again, a non-negative one by y mod 64.
    private static long RightShift(long x, long y) => x >= 0 ? x >> (int)(y & 63) : y <= 0 ? x : x >> (int)Math.Min(y, 63);

    // A negative number is shifted once with the sign cleared, then by (y - 1) mod 64.
    private static long UnsignedRightShift(long x, long y) =>
        x >= 0 ? x >> (int)(y & 63) : ((x >> 1) & long.MaxValue) >> (int)((y - 1) & 63);
}
