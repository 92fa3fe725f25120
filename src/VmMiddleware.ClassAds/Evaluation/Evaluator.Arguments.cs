using VmMiddleware.ClassAds.Functions;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>Evaluated arguments of strict built-ins, kept on a stack owned by the evaluator instead of a new array per call.</summary>
public sealed partial class Evaluator
{
    private readonly Value[] _arguments = new Value[256];
    private int _argumentsTop;

    /// <summary>Evaluates <paramref name="args"/> in order and calls <paramref name="body"/> with their values.</summary>
    internal Value CallEvaluated(IReadOnlyList<Expr> args, EvaluatedBody body)
    {
        var count = args.Count;
        var top = _argumentsTop;
        if (count > _arguments.Length - top)
        {
            return body(Args.EvaluateAll(args, this), this);
        }

        // Reserve the slots first: calls nested in the arguments or made by the body stack theirs above these.
        _argumentsTop = top + count;
        for (var i = 0; i < count; i++)
        {
            _arguments[top + i] = Eval(args[i]);
        }

        var result = body(new ReadOnlySpan<Value>(_arguments, top, count), this);

        // No try/finally, as in Eval: a throwing body leaves the stack high, and every public entry point restores it.
        Array.Clear(_arguments, top, count);
        _argumentsTop = top;
        return result;
    }
}
