namespace VmMiddleware.Cli.Verbs;

/// <summary>Finds an external program (condor_submit, globusrun) on PATH.</summary>
internal static class ToolLocator
{
    public static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);
}
