using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Evaluation;

/// <summary>Attribute references: unqualified lookups through enclosing scopes, MY/TARGET/PARENT, selection and absolute references.</summary>
public sealed partial class Evaluator
{
    private Value Reference(AttributeRefExpr r)
    {
        if (r.Base is null)
        {
            return r.Absolute ? Absolute(r) : Unqualified(r);
        }

        // MY.x and TARGET.x look x up in the keyword's ad directly, without making a value of the ad first.
        if (r.Base is AttributeRefExpr { Base: null, Absolute: false, Keyword: not ScopeKeyword.None } b && TryScopeAd(b, out var scopeAd))
        {
            return scopeAd is null ? Value.Undefined : LookupIn(scopeAd, r);
        }

        return Select(Eval(r.Base), r);
    }

    private Value Absolute(AttributeRefExpr r)
    {
        if (Scope is null)
        {
            return Value.Undefined;
        }

        var root = Root(Scope);
        var expr = root.Lookup(r.Name, r.NameHash);
        return expr is null ? Value.Undefined : EvalBound(root, expr);
    }

    private Value Unqualified(AttributeRefExpr r)
    {
        for (var ad = Scope; ad is not null; ad = ad.ParentScope)
        {
            var expr = ad.Lookup(r.Name, r.NameHash);
            if (expr is not null)
            {
                return EvalBound(ad, expr);
            }
        }

        if (r.Keyword != ScopeKeyword.None && TryScopeKeyword(r, out var special))
        {
            return special;
        }

        // HTCondor's alternate scope: an unqualified name missing from MY is looked up in TARGET.
        for (var ad = TargetOf(Scope); ad is not null; ad = ad.ParentScope)
        {
            var expr = ad.Lookup(r.Name, r.NameHash);
            if (expr is not null)
            {
                return EvalBound(ad, expr);
            }
        }

        return Value.Undefined;
    }

    private bool TryScopeKeyword(AttributeRefExpr r, out Value value)
    {
        var found = TryScopeAd(r, out var ad);
        value = ad is null ? Value.Undefined : Value.FromClassAd(ad);
        return found;
    }

    /// <summary>Resolves MY, TARGET or PARENT to its ad (null when there is none); false when an attribute shadows the keyword.</summary>
    private bool TryScopeAd(AttributeRefExpr r, out ClassAd? ad)
    {
        ad = null;
        for (var a = Scope; a is not null; a = a.ParentScope)
        {
            if (a.HasKeywordNames && a.Lookup(r.Name, r.NameHash) is not null)
            {
                // An attribute of that name shadows the keyword.
                return false;
            }
        }

        ad = r.Keyword switch
        {
            ScopeKeyword.My => Scope is null ? null : Root(Scope),
            ScopeKeyword.Target => TargetOf(Scope),
            _ => Scope?.ParentScope,
        };
        return true;
    }

    private Value Select(Value baseValue, AttributeRefExpr r)
    {
        switch (baseValue.Kind)
        {
            case ValueKind.ClassAd:
                return LookupIn(baseValue.AsClassAd, r);
            case ValueKind.List:
                {
                    var list = baseValue.AsList;
                    var results = new Expr[list.Count];
                    for (var i = 0; i < list.Count; i++)
                    {
                        var element = EvalIn(list.Items[i], list.Scope);
                        var v = element.Kind == ValueKind.ClassAd ? LookupIn(element.AsClassAd, r)
                            : element.IsExceptional ? element
                            : Value.Error;
                        results[i] = new LiteralExpr(v);
                    }

                    return Value.FromList(new ClassAdList(results, list.Scope));
                }

            case ValueKind.Undefined:
                return Value.Undefined;
            default:
                return Value.Error;
        }
    }

    private Value LookupIn(ClassAd ad, AttributeRefExpr r)
    {
        for (var a = ad; a is not null; a = a.ParentScope)
        {
            var expr = a.Lookup(r.Name, r.NameHash);
            if (expr is not null)
            {
                return EvalBound(a, expr);
            }
        }

        return Value.Undefined;
    }
}
