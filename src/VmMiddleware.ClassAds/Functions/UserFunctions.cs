using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Functions;

/// <summary><c>userHome</c> and <c>userMap</c>, which HTCondor answers from its configuration; here that configuration is empty.</summary>
internal static class UserFunctions
{
    public static void Register(Dictionary<string, BuiltinFunction> t)
    {
        t["userHome"] = Args.Range(1, 2, (v, _) => UserHome(v));
        t["userMap"] = Args.Range(2, 4, (v, _) => UserMap(v));
    }

    // Manual, userHome(): the user's home directory, or default when it is not defined. HTCondor only looks it up
    // when CLASSAD_ENABLE_USER_HOME is true, which it is not by default; this engine has no such configuration, so
    // it answers as HTCondor does by default: the default when one is given, else UNDEFINED (ERROR for a user
    // name that is neither a string nor UNDEFINED).
    private static Value UserHome(ReadOnlySpan<Value> v)
    {
        var fallback = v.Length == 2 && Coerce.TryString(v[1], out var d) && d.Length > 0 ? d : null;
        if (fallback is not null)
        {
            return Value.FromString(fallback);
        }

        return v[0].Kind is ValueKind.String or ValueKind.Undefined ? Value.Undefined : Value.Error;
    }

    // Manual, userMap(): maps a user through a map set defined by CLASSAD_USER_MAPFILE_<name> configuration. No map
    // is configured here, so no user is found: UNDEFINED, or defaultGroup in the four-argument form.
    private static Value UserMap(ReadOnlySpan<Value> v)
    {
        if (v[0].IsError || v[1].IsError)
        {
            return Value.Error;
        }

        return v.Length == 4 ? v[3] : Value.Undefined;
    }
}
