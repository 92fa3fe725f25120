using Sprache;

namespace VmMiddleware.Translation.Rsl;

/// <summary>A parsed relation with any of RSL's operators.</summary>
/// <param name="At">Where the operator is.</param>
/// <param name="Attribute">The attribute name, unquoted.</param>
/// <param name="Operator">=, !=, &lt;, &lt;=, &gt; or &gt;=.</param>
/// <param name="Values">The values.</param>
internal sealed record RslRelationSyntax(Position At, string Attribute, string Operator, IReadOnlyList<RslValue> Values) : RslSyntaxItem(At);
