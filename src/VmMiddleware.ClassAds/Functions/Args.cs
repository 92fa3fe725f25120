using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Small helpers shared by the built-in function families.</summary>
internal static class Args
{
    /// <summary>Evaluates every argument, in order, into a new array.</summary>
    public static Value[] EvaluateAll(IReadOnlyList<Expr> args, Evaluator ev)
    {
        var values = new Value[args.Count];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = ev.Eval(args[i]);
        }

        return values;
    }

    /// <summary>Wraps a function that takes any number of evaluated arguments.</summary>
    public static BuiltinFunction All(EvaluatedBody body) => (args, ev) => ev.CallEvaluated(args, body);

    /// <summary>Wraps a function that takes exactly <paramref name="count"/> evaluated arguments; a wrong count is ERROR.</summary>
    public static BuiltinFunction Fixed(int count, EvaluatedBody body) => (args, ev) =>
        args.Count != count ? Value.Error : ev.CallEvaluated(args, body);

    /// <summary>Wraps a function that takes between <paramref name="min"/> and <paramref name="max"/> evaluated arguments.</summary>
    public static BuiltinFunction Range(int min, int max, EvaluatedBody body) => (args, ev) =>
        args.Count < min || args.Count > max ? Value.Error : ev.CallEvaluated(args, body);

    /// <summary>Returns whether any value is ERROR.</summary>
    public static bool AnyError(ReadOnlySpan<Value> values)
    {
        foreach (var v in values)
        {
            if (v.IsError)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Returns whether any value is UNDEFINED.</summary>
    public static bool AnyUndefined(ReadOnlySpan<Value> values)
    {
        foreach (var v in values)
        {
            if (v.IsUndefined)
            {
                return true;
            }
        }

        return false;
    }
}
