namespace VmMiddleware.ClassAds.Syntax;

/// <summary>An attribute reference: <c>name</c>, <c>.name</c> (absolute) or <c>base.name</c> (selection).</summary>
public sealed record AttributeRefExpr(Expr? Base, string Name, bool Absolute = false) : Expr;
