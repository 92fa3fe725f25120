namespace VmMiddleware.Integration.Tests;

/// <summary>Integration tests need real tools; when CI=true a missing tool fails the test, otherwise it is reported inconclusive.</summary>
internal static class RequiredTool
{
    public static string Find(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new AssertFailedException(name + " is not installed; run scripts/setup.sh (integration tests never skip a missing tool)");
    }
}
