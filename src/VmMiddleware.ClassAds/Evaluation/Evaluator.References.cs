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

        var baseValue = r.Base is AttributeRefExpr { Base: null, Absolute: false, Keyword: not ScopeKeyword.None } b
            && TryScopeKeyword(b, out var special)
            ? special
            : Eval(r.Base);
        return Select(baseValue, r);
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
        value = Value.Undefined;
        for (var a = Scope; a is not null; a = a.ParentScope)
        {
            if (a.HasKeywordNames && a.Lookup(r.Name, r.NameHash) is not null)
            {
                // An attribute of that name shadows the keyword.
                return false;
            }
        }

        var ad = r.Keyword switch
        {
            ScopeKeyword.My => Scope is null ? null : Root(Scope),
            ScopeKeyword.Target => TargetOf(Scope),
            _ => Scope?.ParentScope,
        };
        value = ad is null ? Value.Undefined : Value.FromClassAd(ad);
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
