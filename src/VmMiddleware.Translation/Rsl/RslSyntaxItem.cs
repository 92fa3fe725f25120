using Sprache;

namespace VmMiddleware.Translation.Rsl;

/// <summary>A parenthesised item of a specification as parsed, before GRAM5's restrictions are applied.</summary>
/// <param name="At">Where the item's significant token (its operator) starts.</param>
internal abstract record RslSyntaxItem(Position At);
