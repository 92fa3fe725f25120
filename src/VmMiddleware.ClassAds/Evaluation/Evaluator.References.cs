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
            return r.Absolute ? Absolute(r.Name) : Unqualified(r.Name);
        }

        var baseValue = r.Base is AttributeRefExpr { Base: null, Absolute: false } b && TryScopeKeyword(b.Name, out var special)
            ? special
            : Eval(r.Base);
        return Select(baseValue, r.Name);
    }

    private Value Absolute(string name)
    {
        if (Scope is null)
        {
            return Value.Undefined;
        }

        var root = Root(Scope);
        var expr = root.Lookup(name);
        return expr is null ? Value.Undefined : EvalBound(root, expr);
    }

    private Value Unqualified(string name)
    {
        for (var ad = Scope; ad is not null; ad = ad.ParentScope)
        {
            var expr = ad.Lookup(name);
            if (expr is not null)
            {
                return EvalBound(ad, expr);
            }
        }

        if (TryScopeKeyword(name, out var special))
        {
            return special;
        }

        // HTCondor's alternate scope: an unqualified name missing from MY is looked up in TARGET.
        var target = TargetOf(Scope);
        for (var ad = target; ad is not null; ad = ad.ParentScope)
        {
            var expr = ad.Lookup(name);
            if (expr is not null)
            {
                return EvalBound(ad, expr);
            }
        }

        return Value.Undefined;
    }

    private bool TryScopeKeyword(string name, out Value value)
    {
        value = Value.Undefined;
        if (name.Length is < 2 or > 6)
        {
            return false;
        }

        var isMy = name.Equals("my", StringComparison.OrdinalIgnoreCase);
        // "other" is the name new ClassAds' match context gives the other ad; HTCondor accepts it as TARGET.
        var isTarget = !isMy && (name.Equals("target", StringComparison.OrdinalIgnoreCase) || name.Equals("other", StringComparison.OrdinalIgnoreCase));
        var isParent = !isMy && !isTarget && name.Equals("parent", StringComparison.OrdinalIgnoreCase);
        if ((!isMy && !isTarget && !isParent) || LookupChain(Scope, name) is not null)
        {
            // Not a keyword, or an attribute of that name shadows it.
            return false;
        }

        ClassAd? ad;
        if (isMy)
        {
            ad = Scope is null ? null : Root(Scope);
        }
        else if (isTarget)
        {
            ad = TargetOf(Scope);
        }
        else
        {
            ad = Scope?.ParentScope;
        }

        value = ad is null ? Value.Undefined : Value.FromClassAd(ad);
        return true;
    }

    private static Expr? LookupChain(ClassAd? scope, string name)
    {
        for (var ad = scope; ad is not null; ad = ad.ParentScope)
        {
            var e = ad.Lookup(name);
            if (e is not null)
            {
                return e;
            }
        }

        return null;
    }

    private Value Select(Value baseValue, string name)
    {
        switch (baseValue.Kind)
        {
            case ValueKind.ClassAd:
                return LookupIn(baseValue.AsClassAd, name);
            case ValueKind.List:
                {
                    var list = baseValue.AsList;
                    var results = new Expr[list.Count];
                    for (var i = 0; i < list.Count; i++)
                    {
                        var element = EvalIn(list.Items[i], list.Scope);
                        var v = element.Kind == ValueKind.ClassAd ? LookupIn(element.AsClassAd, name)
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

    private Value LookupIn(ClassAd ad, string name)
    {
        for (var a = ad; a is not null; a = a.ParentScope)
        {
            var expr = a.Lookup(name);
            if (expr is not null)
            {
                return EvalBound(a, expr);
            }
        }

        return Value.Undefined;
    }
}
