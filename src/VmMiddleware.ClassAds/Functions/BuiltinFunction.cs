using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>A built-in function: it receives its unevaluated arguments so that non-strict functions can choose what to evaluate.</summary>
public delegate Value BuiltinFunction(IReadOnlyList<Expr> arguments, Evaluator evaluator);
