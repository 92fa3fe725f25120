namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Deep-copies expressions so that nested ads get fresh, independently scoped copies.</summary>
internal static class ExprCopier
{
    public static Expr Copy(Expr expr) => expr switch
    {
        AdExpr a => new AdExpr(a.Ad.Copy()),
        OperationExpr o when ContainsAd(o) => new OperationExpr(o.Op, Copy(o.Left), o.Right is null ? null : Copy(o.Right), o.Third is null ? null : Copy(o.Third)),
        ListExpr l when ContainsAd(l) => new ListExpr(l.Items.Select(Copy).ToArray()),
        FunctionCallExpr f when ContainsAd(f) => f with { Arguments = f.Arguments.Select(Copy).ToArray() },
        AttributeRefExpr { Base: not null } r when ContainsAd(r) => r with { Base = Copy(r.Base) },
        _ => expr,
    };

    private static bool ContainsAd(Expr expr) => expr switch
    {
        AdExpr => true,
        OperationExpr o => ContainsAd(o.Left) || (o.Right is not null && ContainsAd(o.Right)) || (o.Third is not null && ContainsAd(o.Third)),
        ListExpr l => l.Items.Any(ContainsAd),
        FunctionCallExpr f => f.Arguments.Any(ContainsAd),
        AttributeRefExpr { Base: not null } r => ContainsAd(r.Base),
        _ => false,
    };
}
