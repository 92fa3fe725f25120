namespace VmMiddleware.ClassAds.Syntax;

/// <summary>An operator applied to one, two or three operands.</summary>
public sealed record OperationExpr(OpKind Op, Expr Left, Expr? Right = null, Expr? Third = null) : Expr;
