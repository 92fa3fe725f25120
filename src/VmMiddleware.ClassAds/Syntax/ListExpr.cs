namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A list literal <c>{ a, b, ... }</c>.</summary>
public sealed record ListExpr(IReadOnlyList<Expr> Items) : Expr;
