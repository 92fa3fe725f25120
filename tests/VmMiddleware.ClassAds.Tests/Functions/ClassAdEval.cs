using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Functions;

/// <summary>Parses and evaluates an expression at top level and prints the value as HTCondor does.</summary>
internal static class ClassAdEval
{
    /// <summary>Parses and evaluates with <paramref name="clock"/> (the system clock when null).</summary>
    public static string Eval(string expression, TimeProvider? clock = null) =>
        Unparser.Unparse(Evaluator.Evaluate(ExpressionParser.Parse(expression, clock: clock), scope: null, target: null, clock));
}
