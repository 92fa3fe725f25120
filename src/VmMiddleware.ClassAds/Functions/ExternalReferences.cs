using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Finds the attributes an expression refers to that its ad does not define, following the ones it does.</summary>
internal static class ExternalReferences
{
    /// <summary>Returns the external reference names of <paramref name="expr"/> bound in <paramref name="ad"/>, sorted ignoring case.</summary>
    public static IReadOnlyCollection<string> Collect(Expr expr, ClassAd ad)
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var followed = new HashSet<Expr>(ReferenceEqualityComparer.Instance);
        Walk(expr, ad, names, followed);
        return names;
    }

    private static void Walk(Expr expr, ClassAd ad, SortedSet<string> names, HashSet<Expr> followed)
    {
        switch (expr)
        {
            case AttributeRefExpr { Base: null } r:
                Resolve(r.Absolute ? Evaluation.Evaluator.Root(ad) : ad, r.Name, names, followed);
                break;
            case AttributeRefExpr { Base: AttributeRefExpr { Base: null, Absolute: false } scope } r
                when scope.Name.Equals("target", StringComparison.OrdinalIgnoreCase):
                names.Add(r.Name);
                break;
            case AttributeRefExpr { Base: AttributeRefExpr { Base: null, Absolute: false } scope } r
                when scope.Name.Equals("my", StringComparison.OrdinalIgnoreCase):
                Resolve(Evaluation.Evaluator.Root(ad), r.Name, names, followed);
                break;
            case AttributeRefExpr r:
                Walk(r.Base!, ad, names, followed);
                break;
            case OperationExpr o:
                Walk(o.Left, ad, names, followed);
                if (o.Right is not null)
                {
                    Walk(o.Right, ad, names, followed);
                }

                if (o.Third is not null)
                {
                    Walk(o.Third, ad, names, followed);
                }

                break;
            case FunctionCallExpr f:
                foreach (var a in f.Arguments)
                {
                    Walk(a, ad, names, followed);
                }

                break;
            case ListExpr l:
                foreach (var item in l.Items)
                {
                    Walk(item, ad, names, followed);
                }

                break;
            default:
                break;
        }
    }

    private static void Resolve(ClassAd ad, string name, SortedSet<string> names, HashSet<Expr> followed)
    {
        for (var a = ad; a is not null; a = a.ParentScope)
        {
            if (a.Lookup(name) is { } bound)
            {
                if (followed.Add(bound))
                {
                    Walk(bound, a, names, followed);
                }

                return;
            }
        }

        names.Add(name);
    }
}
