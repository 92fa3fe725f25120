using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>The body of a strict built-in: it receives its arguments already evaluated, in a span it must not keep.</summary>
internal delegate Value EvaluatedBody(ReadOnlySpan<Value> values, Evaluator evaluator);
