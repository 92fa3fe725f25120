using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>List functions: <c>member</c>, <c>identicalMember</c>, <c>anyCompare</c>, <c>allCompare</c>, <c>sum</c>, <c>avg</c>, <c>min</c>, <c>max</c>.</summary>
internal static class ListFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["member"] = Args.Fixed(2, (v, ev) => Member(v[0], v[1], identical: false, ev));
        t["identicalMember"] = Args.Fixed(2, (v, ev) => Member(v[0], v[1], identical: true, ev));
        t["anyCompare"] = Args.Fixed(3, (v, ev) => ListCompare(v, all: false, ev));
        t["allCompare"] = Args.Fixed(3, (v, ev) => ListCompare(v, all: true, ev));
        t["sum"] = Args.Fixed(1, (v, ev) => SumAvg(v[0], average: false, ev));
        t["avg"] = Args.Fixed(1, (v, ev) => SumAvg(v[0], average: true, ev));
        t["min"] = Args.Fixed(1, (v, ev) => Bound(v[0], OpKind.LessThan, ev));
        t["max"] = Args.Fixed(1, (v, ev) => Bound(v[0], OpKind.GreaterThan, ev));
    }

    // Manual, member()/identicalMember(): ERROR "if m does not evalute to a scalar, or l does not evaluate to a
    // list"; otherwise true when an element is == (or =?=) to m. As in HTCondor, an UNDEFINED list (or an
    // UNDEFINED m for the strict member) gives UNDEFINED.
    private static Value Member(Value m, Value list, bool identical, Evaluator ev)
    {
        if (list.IsUndefined || (!identical && m.IsUndefined))
        {
            return Value.Undefined;
        }

        if (list.Kind != ValueKind.List || m.Kind is ValueKind.List or ValueKind.ClassAd || (!identical && m.IsError))
        {
            return Value.Error;
        }

        // Elements are evaluated one at a time and the walk stops at the first hit: evaluation has no side effects, so
        // the elements after it cannot change the answer.
        var op = identical ? OpKind.MetaEqual : OpKind.Equal;
        var l = list.AsList;
        for (var i = 0; i < l.Count; i++)
        {
            var r = Operators.Binary(op, ev.EvalIn(l.Items[i], l.Scope), m);
            if (r.Kind == ValueKind.Boolean && r.AsBoolean)
            {
                return Value.True;
            }
        }

        return Value.False;
    }

    // Manual, anyCompare()/allCompare(): ERROR for an unknown operator, a non-list l or a non-scalar t. As in
    // HTCondor, a comparison that is UNDEFINED ends the walk with false.
    private static Value ListCompare(ReadOnlySpan<Value> v, bool all, Evaluator ev)
    {
        if (v[0].IsUndefined)
        {
            return Value.Undefined;
        }

        if (!Coerce.TryString(v[0], out var opText) || !TryComparison(opText, out var op))
        {
            return Value.Error;
        }

        if (v[1].IsUndefined)
        {
            return Value.Undefined;
        }

        if (v[1].Kind != ValueKind.List || v[2].Kind is ValueKind.List or ValueKind.ClassAd)
        {
            return Value.Error;
        }

        foreach (var element in Coerce.Elements(v[1], ev))
        {
            var r = Operators.Binary(op, element, v[2]);
            if (r.Kind != ValueKind.Boolean)
            {
                return r.IsUndefined ? Value.False : Value.Error;
            }

            if (r.AsBoolean != all)
            {
                return Value.FromBoolean(!all);
            }
        }

        return Value.FromBoolean(all);
    }

    private static bool TryComparison(string text, out OpKind op)
    {
        op = text switch
        {
            "<" => OpKind.LessThan,
            "<=" => OpKind.LessOrEqual,
            "!=" => OpKind.NotEqual,
            "==" => OpKind.Equal,
            ">" => OpKind.GreaterThan,
            ">=" => OpKind.GreaterOrEqual,
            "is" => OpKind.MetaEqual,
            "isnt" => OpKind.MetaNotEqual,
            _ => OpKind.Parentheses,
        };
        return op != OpKind.Parentheses;
    }

    // fnCall.cpp sumAvg: UNDEFINED elements are skipped; the others must be numbers (booleans count); the sum starts
    // as the integer 0 and adds each element with the + operator (the first is taken as it is), and the average divides
    // it by the real count, or is the sum (0) when nothing was counted. The manual's UNDEFINED cases are not in the code.
    private static Value SumAvg(Value list, bool average, Evaluator ev)
    {
        if (list.IsUndefined)
        {
            return Value.Undefined;
        }

        if (list.Kind != ValueKind.List)
        {
            return Value.Error;
        }

        var result = Value.FromInteger(0);
        var count = 0;
        foreach (var e in Coerce.Elements(list, ev))
        {
            if (e.IsUndefined)
            {
                continue;
            }

            if (!IsCNumber(e))
            {
                return Value.Error;
            }

            result = count == 0 ? e : Operators.Binary(OpKind.Add, result, e);
            count++;
        }

        return average && count > 0 ? Operators.Binary(OpKind.Divide, result, Value.FromReal(count)) : result;
    }

    // fnCall.cpp minMax: UNDEFINED elements are skipped, the others must be numbers (booleans count); the bound is
    // the first element, replaced by each later one that compares better. Comparing promotes both operands in place
    // (operators.cpp coerceToNumber), so the bound is a real once any real took part and a boolean compared with a
    // number is an integer. No elements is UNDEFINED.
    private static Value Bound(Value list, OpKind better, Evaluator ev)
    {
        if (list.IsUndefined)
        {
            return Value.Undefined;
        }

        if (list.Kind != ValueKind.List)
        {
            return Value.Error;
        }

        var best = Value.Undefined;
        var anyReal = false;
        var count = 0;
        foreach (var e in Coerce.Elements(list, ev))
        {
            if (e.IsUndefined)
            {
                continue;
            }

            if (!IsCNumber(e))
            {
                return Value.Error;
            }

            count++;
            anyReal |= e.Kind == ValueKind.Real;
            if (best.IsUndefined || Operators.Binary(better, e, best) is { Kind: ValueKind.Boolean, AsBoolean: true })
            {
                best = e;
            }
        }

        if (count > 1 && anyReal)
        {
            return Value.FromReal(best.Kind == ValueKind.Boolean ? (best.AsBoolean ? 1.0 : 0.0) : best.NumberAsReal);
        }

        return count > 1 && best.Kind == ValueKind.Boolean ? Value.FromInteger(best.AsBoolean ? 1 : 0) : best;
    }

    // Value::IsNumber: integers, reals and booleans.
    private static bool IsCNumber(Value v) => v.Kind is ValueKind.Integer or ValueKind.Real or ValueKind.Boolean;
}
