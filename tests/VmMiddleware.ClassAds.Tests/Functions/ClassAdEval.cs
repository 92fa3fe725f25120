using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Functions;

/// <summary>Parses and evaluates an expression at top level and prints the value as HTCondor does.</summary>
internal static class ClassAdEval
{
    public static string Eval(string expression) =>
        Unparser.Unparse(Evaluator.Evaluate(ExpressionParser.Parse(expression), scope: null, target: null));
}
