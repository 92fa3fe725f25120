namespace VmMiddleware.Images.Store;

/// <summary>Where the factory store lives: <c>--store DIR</c>, else <c>VMMIDDLEWARE_STORE</c>, else a per-user default under ~/.cache.</summary>
public static class StoreLocation
{
    /// <summary>The environment variable naming the store directory.</summary>
    public const string EnvironmentVariable = "VMMIDDLEWARE_STORE";

    /// <summary>Returns the absolute store directory.</summary>
    /// <param name="option">The <c>--store</c> value, or null.</param>
    /// <param name="environment">Reads environment variables (defaults to the process environment).</param>
    public static string Resolve(string? option, Func<string, string?>? environment = null)
    {
        environment ??= Environment.GetEnvironmentVariable;
        if (!string.IsNullOrEmpty(option))
        {
            return Path.GetFullPath(option);
        }

        if (environment(EnvironmentVariable) is { Length: > 0 } fromEnvironment)
        {
            return Path.GetFullPath(fromEnvironment);
        }

        var cache = environment("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(environment("HOME") is { Length: > 0 } home ? home : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.GetFullPath(Path.Combine(cache, "vmmiddleware", "factory"));
    }
}
