using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Matching;

/// <summary>Collects every attribute name an expression mentions (an over-approximation of what it may read).</summary>
internal static class ReferenceCollector
{
    public static void Collect(Expr expr, HashSet<string> names)
    {
        switch (expr)
        {
            case AttributeRefExpr r:
                names.Add(r.Name);
                if (r.Base is not null)
                {
                    Collect(r.Base, names);
                }

                break;
            case OperationExpr o:
                Collect(o.Left, names);
                if (o.Right is not null)
                {
                    Collect(o.Right, names);
                }

                if (o.Third is not null)
                {
                    Collect(o.Third, names);
                }

                break;
            case FunctionCallExpr f:
                foreach (var a in f.Arguments)
                {
                    Collect(a, names);
                }

                break;
            case ListExpr l:
                foreach (var i in l.Items)
                {
                    Collect(i, names);
                }

                break;
            case AdExpr a:
                foreach (var (n, e) in a.Ad.Attributes)
                {
                    names.Add(n);
                    Collect(e, names);
                }

                break;
            default:
                break;
        }
    }

    /// <summary>Names that an ad's Requirements and Rank read, following references into the ad's own attributes.</summary>
    public static HashSet<string> Closure(ClassAd ad, IEnumerable<string> roots)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var work = new Stack<string>(roots);
        while (work.Count > 0)
        {
            var name = work.Pop();
            if (!seen.Add(name))
            {
                continue;
            }

            if (ad.Lookup(name) is { } e)
            {
                var found = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                Collect(e, found);
                foreach (var n in found)
                {
                    work.Push(n);
                }
            }
        }

        return seen;
    }
}
