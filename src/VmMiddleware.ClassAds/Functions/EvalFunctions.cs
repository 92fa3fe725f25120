using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Functions about expressions: <c>eval</c>, <c>unparse</c>, <c>unresolved</c>, <c>evalInEachContext</c>, <c>countMatches</c>, <c>debug</c>.</summary>
internal static class EvalFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["eval"] = Args.Fixed(1, (v, ev) => Eval(v[0], ev));
        t["unparse"] = Unparse;
        t["unresolved"] = Unresolved;
        t["evalInEachContext"] = (args, ev) => InEachContext(args, ev, count: false);
        t["countMatches"] = (args, ev) => InEachContext(args, ev, count: true);

        // Manual, debug(): "This function evaluates its argument, and it returns the result." HTCondor also logs the
        // evaluation; this engine has no log to write to.
        t["debug"] = Args.Fixed(1, (v, _) => v[0]);
    }

    // Manual, eval(): "Evaluates Expr as a string and then returns the result of evaluating the contents of the
    // string as a ClassAd expression", in the current scope.
    private static Value Eval(Value v, Evaluator ev)
    {
        var s = Coerce.ToStringValue(v);
        if (s.Kind != ValueKind.String)
        {
            return Value.Error;
        }

        return Parser.TryParseExpression(s.AsString, out var expr, out _, ev.Clock) ? ev.Eval(expr) : Value.Error;
    }

    // fnCall.cpp unparse: the reference is printed and that text looked up in the current ad only, so MY.x or .x
    // (whose text is no attribute name) give ""; the expression found is printed, not evaluated; ERROR for other than
    // one argument or a non-reference. It is printed with PrettyPrint (sink.cpp): ads and lists on indented lines.
    private static Value Unparse(IReadOnlyList<Expr> args, Evaluator ev)
    {
        if (args.Count != 1 || args[0] is not AttributeRefExpr r)
        {
            return Value.Error;
        }

        var found = r.Base is null && !r.Absolute ? ev.Scope?.Lookup(r.Name) : null;
        return Value.FromString(found is null ? string.Empty : Printing.Unparser.UnparsePretty(found));
    }

    // Manual, unresolved(attr): the comma-separated references of attr's expression that the ad does not itself
    // define (TARGET.x counts as x), or with a pattern, whether any of them matches it (ignoring case); UNDEFINED
    // when attr cannot be found.
    private static Value Unresolved(IReadOnlyList<Expr> args, Evaluator ev)
    {
        if (args.Count is < 1 or > 2 || args[0] is not AttributeRefExpr r)
        {
            return Value.Error;
        }

        if (Find(r, ev.Scope) is not { } bound)
        {
            return Value.Undefined;
        }

        var names = ExternalReferences.Collect(bound.Expr, bound.Ad);
        if (args.Count == 1)
        {
            return Value.FromString(string.Join(",", names));
        }

        var pattern = ev.Eval(args[1]);
        if (!Coerce.TryString(pattern, out var p)
            || RegexSupport.Compile(p, RegexSupport.Options("i")) is not { } regex)
        {
            return Value.Error;
        }

        foreach (var name in names)
        {
            switch (RegexSupport.IsMatch(regex, name))
            {
                case null: return Value.Error;
                case true: return Value.True;
                default: break;
            }
        }

        return Value.False;
    }

    // compat_classad.cpp evalInEachContext_func: the values of expr evaluated in each ad of contexts (an element that is
    // not an ad gives UNDEFINED if it is UNDEFINED, else ERROR), or, for countMatches, how many of them are true. An
    // UNDEFINED list gives UNDEFINED (countMatches: 0); anything else that is not a list is ERROR.
    private static Value InEachContext(IReadOnlyList<Expr> args, Evaluator ev, bool count)
    {
        if (args.Count != 2)
        {
            return Value.Error;
        }

        // An attribute reference stands for the expression it names, so that the expression, not its value here,
        // is what each context evaluates.
        var expr = args[0] is AttributeRefExpr r && Find(r, ev.Scope) is { } bound ? bound.Expr : args[0];
        var contexts = ev.Eval(args[1]);
        if (contexts.Kind != ValueKind.List)
        {
            return contexts.IsUndefined ? (count ? Value.FromInteger(0) : Value.Undefined) : Value.Error;
        }

        var results = new List<Value>();
        var matches = 0;
        foreach (var element in Coerce.Elements(contexts, ev))
        {
            if (element.Kind != ValueKind.ClassAd)
            {
                results.Add(element.IsUndefined ? Value.Undefined : Value.Error);
                continue;
            }

            var v = ev.EvalIn(expr, element.AsClassAd);
            results.Add(v);
            if (v.TryGetTruth(out var truth) && truth)
            {
                matches++;
            }
        }

        return count ? Value.FromInteger(matches) : Value.FromList(ClassAdList.FromValues(results));
    }

    // Finds the expression an unqualified (or absolute) reference names, and the ad that binds it.
    private static (Expr Expr, ClassAd Ad)? Find(AttributeRefExpr r, ClassAd? scope)
    {
        if (scope is null)
        {
            return null;
        }

        // MY.x names x in the root of the current scope, as AttributeReference::Deref finds it.
        if (r.Base is AttributeRefExpr { Base: null, Absolute: false, Keyword: ScopeKeyword.My })
        {
            var my = Evaluator.Root(scope);
            return my.Lookup(r.Name) is { } e ? (e, my) : null;
        }

        if (r.Base is not null)
        {
            return null;
        }

        if (r.Absolute)
        {
            var root = Evaluator.Root(scope);
            return root.Lookup(r.Name) is { } e ? (e, root) : null;
        }

        for (var ad = scope; ad is not null; ad = ad.ParentScope)
        {
            if (ad.Lookup(r.Name) is { } e)
            {
                return (e, ad);
            }
        }

        return null;
    }
}
