using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Type predicates (<c>isUndefined</c>, <c>isInteger</c>, ...) and <c>ifThenElse</c>.</summary>
internal static class TypeFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["isUndefined"] = Is(v => v.Kind == ValueKind.Undefined);
        t["isError"] = Is(v => v.Kind == ValueKind.Error);
        t["isString"] = Is(v => v.Kind == ValueKind.String);
        t["isInteger"] = Is(v => v.Kind == ValueKind.Integer);
        t["isReal"] = Is(v => v.Kind == ValueKind.Real);
        t["isBoolean"] = Is(v => v.Kind == ValueKind.Boolean);
        t["isList"] = Is(v => v.Kind == ValueKind.List);
        t["isClassAd"] = Is(v => v.Kind == ValueKind.ClassAd);
        t["isAbsTime"] = Is(v => v.Kind == ValueKind.AbsoluteTime);
        t["isRelTime"] = Is(v => v.Kind == ValueKind.RelativeTime);
        t["ifThenElse"] = (args, ev) =>
        {
            if (args.Count != 3)
            {
                return Value.Error;
            }

            var c = ev.Eval(args[0]);
            if (c.IsExceptional)
            {
                return c;
            }

            return c.TryGetTruth(out var b) ? ev.Eval(b ? args[1] : args[2]) : Value.Error;
        };
    }

    private static BuiltinFunction Is(Func<Value, bool> predicate) => Args.Fixed(1, (v, _) => Value.FromBoolean(predicate(v[0])));
}
