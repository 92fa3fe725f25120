using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Rounding and arithmetic: <c>floor</c>, <c>ceiling</c>, <c>round</c>, <c>pow</c>, <c>quantize</c>, <c>random</c>.</summary>
internal static class MathFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["floor"] = Rounding(Math.Floor, limit32: false);
        t["ceiling"] = Rounding(Math.Ceiling, limit32: false);
        t["ceil"] = t["ceiling"];

        // Manual, round(): "the even valued integer is returned" at a midpoint, and ERROR when "the integer
        // value does not fit into 32 bits".
        t["round"] = Rounding(d => Math.Round(d, MidpointRounding.ToEven), limit32: true);
        t["pow"] = Args.Fixed(2, (v, _) => Pow(v[0], v[1]));
        t["quantize"] = Args.Fixed(2, (v, ev) => Quantize(v[0], v[1], ev));
        t["random"] = Args.Range(0, 1, (v, _) => Random(v.Length == 0 ? Value.FromReal(1.0) : v[0]));
    }

    // Manual, floor()/ceiling()/round(): an Integer is returned as is; otherwise real(Expr) is used, and "Where
    // real(Expr) returns ERROR or UNDEFINED, ERROR is returned."
    private static BuiltinFunction Rounding(Func<double, double> round, bool limit32) => Args.Fixed(1, (v, _) =>
    {
        if (v[0].Kind == ValueKind.Integer)
        {
            return v[0];
        }

        var r = Coerce.ToReal(v[0]);
        if (r.Kind != ValueKind.Real)
        {
            return Value.Error;
        }

        var d = round(r.AsReal);
        if (limit32 && (d < int.MinValue || d > int.MaxValue))
        {
            return Value.Error;
        }

        return Coerce.Truncate(d);
    });

    private static Value Pow(Value b, Value e)
    {
        if (b.Kind == ValueKind.Integer && e.Kind == ValueKind.Integer && e.AsInteger >= 0)
        {
            long result = 1, factor = b.AsInteger;
            for (var n = e.AsInteger; n > 0; n >>= 1)
            {
                if ((n & 1) != 0)
                {
                    result = unchecked(result * factor);
                }

                factor = unchecked(factor * factor);
            }

            return Value.FromInteger(result);
        }

        var rb = Coerce.ToReal(b);
        var re = Coerce.ToReal(e);
        if (rb.Kind != ValueKind.Real || re.Kind != ValueKind.Real)
        {
            return Value.Error;
        }

        // Manual: exponent 0 "for any value of base, including 0 or 0.0, returns the value 1 or 1.0".
        return Value.FromReal(Math.Pow(rb.AsReal, re.AsReal));
    }

    // Manual, quantize(): "returns ERROR if a or b, or a member of the list that must be considered is not an
    // Integer or Real."
    private static Value Quantize(Value a, Value b, Evaluator ev)
    {
        if (!a.IsNumber)
        {
            return Value.Error;
        }

        var x = a.NumberAsReal;
        if (b.Kind == ValueKind.List)
        {
            var l = b.AsList;
            if (l.Count == 0)
            {
                // An empty list means "do not quantize".
                return a;
            }

            for (var i = 0; i < l.Count; i++)
            {
                var item = ev.EvalIn(l.Items[i], l.Scope);
                if (!item.IsNumber)
                {
                    return Value.Error;
                }

                if (item.NumberAsReal >= x)
                {
                    return item;
                }

                b = item;
            }
        }
        else if (!b.IsNumber)
        {
            return Value.Error;
        }

        if (b.Kind == ValueKind.Integer)
        {
            var step = b.AsInteger;
            if (step == 0)
            {
                return a;
            }

            return a.Kind == ValueKind.Integer
                ? Value.FromInteger((a.AsInteger + step - 1) / step * step)
                : Value.FromReal(Math.Ceiling(x / step) * step);
        }

        var realStep = b.AsReal;
        return Math.Abs(realStep) <= 1e-8 ? a : Value.FromReal(Math.Ceiling(x / realStep) * realStep);
    }

    // Manual, random(): an Integer or Real x gives r with 0 <= r < x; "Returns ERROR in all other cases."
    private static Value Random(Value max) => max.Kind switch
    {
        ValueKind.Integer when max.AsInteger > 0 => Value.FromInteger(System.Random.Shared.NextInt64(max.AsInteger)),
        ValueKind.Real when max.AsReal > 0 => Value.FromReal(System.Random.Shared.NextDouble() * max.AsReal),
        _ => Value.Error,
    };
}
