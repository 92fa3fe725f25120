using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A literal value, with the unit suffix (K, M, G, T, B) it was written with, if any.</summary>
public sealed record LiteralExpr(Value Value, char Factor = '\0') : Expr;
