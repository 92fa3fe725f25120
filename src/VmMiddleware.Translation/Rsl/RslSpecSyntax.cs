using Sprache;

namespace VmMiddleware.Translation.Rsl;

/// <summary>A parsed specification: &amp;, | or + followed by its items.</summary>
/// <param name="At">Where the operator is.</param>
/// <param name="Operator">'&amp;', '|' or '+'.</param>
/// <param name="Items">The relations and nested specifications in order.</param>
internal sealed record RslSpecSyntax(Position At, char Operator, IReadOnlyList<RslSyntaxItem> Items) : RslSyntaxItem(At);
