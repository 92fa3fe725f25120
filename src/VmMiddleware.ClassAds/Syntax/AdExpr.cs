namespace VmMiddleware.ClassAds.Syntax;

/// <summary>A nested ClassAd literal <c>[ a = 1; b = 2 ]</c>.</summary>
public sealed record AdExpr(ClassAd Ad) : Expr;
