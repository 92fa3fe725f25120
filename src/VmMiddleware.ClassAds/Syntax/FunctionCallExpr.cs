namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A call of a built-in function by name (names are case-insensitive).</summary>
public sealed record FunctionCallExpr(string Name, IReadOnlyList<Expr> Arguments) : Expr
{
    /// <summary>Gets or sets the resolved built-in, cached at parse time.</summary>
    internal Functions.BuiltinFunction? Resolved { get; init; }
}
