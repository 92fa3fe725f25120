using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary>Job environment functions: <c>envV1ToV2</c> and <c>mergeEnvironment</c>.</summary>
internal static class EnvFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["envV1ToV2"] = Args.Fixed(1, (v, _) => V1ToV2(v[0]));
        t["mergeEnvironment"] = Args.All((v, _) => Merge(v));
    }

    // Manual, envV1ToV2(): converts an old-syntax environment to the new syntax; "If the argument evaluates to
    // UNDEFINED, then the result is also UNDEFINED." A non-string or unparsable argument is ERROR.
    private static Value V1ToV2(Value v)
    {
        if (v.IsUndefined)
        {
            return Value.Undefined;
        }

        var env = new EnvironmentString();
        return Coerce.TryString(v, out var s) && env.MergeV1(s) ? Value.FromString(env.ToString()) : Value.Error;
    }

    // Manual, mergeEnvironment(): merges new-syntax environments, a later argument winning for the same variable;
    // an argument that is UNDEFINED "is treated like an empty string".
    private static Value Merge(ReadOnlySpan<Value> values)
    {
        var env = new EnvironmentString();
        foreach (var v in values)
        {
            if (v.IsUndefined)
            {
                continue;
            }

            if (!Coerce.TryString(v, out var s) || !env.MergeV2(s))
            {
                return Value.Error;
            }
        }

        return Value.FromString(env.ToString());
    }
}
