using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Rounding and arithmetic: <c>floor</c>, <c>ceiling</c>, <c>round</c>, <c>pow</c>, <c>quantize</c>, <c>random</c>.</summary>
internal static class MathFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["floor"] = Rounding(Math.Floor);
        t["ceiling"] = Rounding(Math.Ceiling);
        t["ceil"] = t["ceiling"];

        // fnCall.cpp doRound: rint, which rounds a midpoint to even; the manual's 32-bit limit is not in the code.
        t["round"] = Rounding(d => Math.Round(d, MidpointRounding.ToEven));
        t["pow"] = Args.Fixed(2, (v, _) => Pow(v[0], v[1]));
        t["quantize"] = Args.Fixed(2, (v, ev) => Quantize(v[0], v[1], ev));
        t["random"] = Args.Range(0, 1, (v, _) => Random(v.Length == 0 ? Value.FromReal(1.0) : v[0]));
    }

    // fnCall.cpp doRound: an integer is returned as is; anything else converted to a real (UNDEFINED and strings
    // strtod cannot read are ERROR), rounded, and cast with C's (long long).
    private static BuiltinFunction Rounding(Func<double, double> round) => Args.Fixed(1, (v, _) =>
    {
        if (v[0].Kind == ValueKind.Integer)
        {
            return v[0];
        }

        var r = Coerce.ToReal(v[0]);
        return r.Kind == ValueKind.Real ? Coerce.Truncate(round(r.AsReal)) : Value.Error;
    });

    // fnCall.cpp doMath2 "pow": two integers with a non-negative exponent give (long long)(pow(a, b) + 0.5), computed
    // in doubles; otherwise both are converted to reals.
    private static Value Pow(Value b, Value e)
    {
        if (b.Kind == ValueKind.Integer && e.Kind == ValueKind.Integer && e.AsInteger >= 0)
        {
            return Value.FromInteger(Coerce.CLong(Math.Pow(b.AsInteger, e.AsInteger) + 0.5));
        }

        var rb = Coerce.ToReal(b);
        var re = Coerce.ToReal(e);
        if (rb.Kind != ValueKind.Real || re.Kind != ValueKind.Real)
        {
            return Value.Error;
        }

        return Value.FromReal(Math.Pow(rb.AsReal, re.AsReal));
    }

    // fnCall.cpp doMath2 "quantize": a and b are converted to reals (strings included); with a list, the first
    // element at least a is returned as it is, else the last one is the step. A zero step returns a unchanged.
    private static Value Quantize(Value a, Value b, Evaluator ev)
    {
        var ra = Coerce.ToReal(a);
        if (ra.Kind != ValueKind.Real)
        {
            return Value.Error;
        }

        var x = ra.AsReal;
        double step;
        if (b.Kind == ValueKind.List)
        {
            var l = b.AsList;
            b = Value.FromReal(0.0);
            step = 0.0;
            for (var i = 0; i < l.Count; i++)
            {
                b = ev.EvalIn(l.Items[i], l.Scope);
                var rb = Coerce.ToReal(b);
                if (rb.Kind != ValueKind.Real)
                {
                    return Value.Error;
                }

                step = rb.AsReal;
                if (step >= x)
                {
                    return b;
                }
            }
        }
        else
        {
            var rb = Coerce.ToReal(b);
            if (rb.Kind != ValueKind.Real)
            {
                return Value.Error;
            }

            step = rb.AsReal;
        }

        if (b.Kind == ValueKind.Integer)
        {
            var istep = b.AsInteger;
            if (istep == 0)
            {
                return a;
            }

            if (a.Kind != ValueKind.Integer)
            {
                return Value.FromReal(Math.Ceiling(x / istep) * istep);
            }

            // C's long long arithmetic, wrapping (x86-64 would trap on LLONG_MIN / -1; that one case gives LLONG_MIN here).
            var dividend = unchecked(a.AsInteger + istep - 1);
            return Value.FromInteger(istep == -1 ? dividend : dividend / istep * istep);
        }

        return step is >= -1e-8 and <= 1e-8 ? a : Value.FromReal(Math.Ceiling(x / step) * step);
    }

    // Manual, random(): an Integer or Real x gives r with 0 <= r < x; "Returns ERROR in all other cases."
    private static Value Random(Value max) => max.Kind switch
    {
        ValueKind.Integer when max.AsInteger > 0 => Value.FromInteger(System.Random.Shared.NextInt64(max.AsInteger)),
        ValueKind.Real when max.AsReal > 0 => Value.FromReal(System.Random.Shared.NextDouble() * max.AsReal),
        _ => Value.Error,
    };
}
