namespace VmMiddleware.Benchmarks;

/// <summary>The real job and slot ads from HTCondor 25.14 in ../shared/conformance/ads, the same input HTCondor's figures used.</summary>
internal static class SampleAds
{
    public static string Text(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "conformance", "ads", name);
            if (File.Exists(candidate))
            {
                return File.ReadAllText(candidate);
            }
        }

        var fromEnv = Environment.GetEnvironmentVariable("VMMIDDLEWARE_CONFORMANCE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.ReadAllText(Path.Combine(fromEnv, "ads", name));
        }

        throw new FileNotFoundException("conformance ad not found; set VMMIDDLEWARE_CONFORMANCE", name);
    }
}
