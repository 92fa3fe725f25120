namespace VmMiddleware.ClassAds.Tests.Conformance;

/// <summary>Finds HTCondor's conformance data in ../shared/conformance beside the repository (or $VMMIDDLEWARE_CONFORMANCE).</summary>
internal static class ConformanceFiles
{
    public static string Directory { get; } = Locate();

    public static string PathOf(string relative) => Path.Combine(Directory, relative);

    private static string Locate()
    {
        var fromEnv = Environment.GetEnvironmentVariable("VMMIDDLEWARE_CONFORMANCE");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VmMiddleware.sln")))
            {
                var shared = Path.Combine(dir.Parent?.FullName ?? dir.FullName, "shared", "conformance");
                if (System.IO.Directory.Exists(shared))
                {
                    return shared;
                }

                throw new DirectoryNotFoundException("HTCondor conformance data not found at " + shared + " (set VMMIDDLEWARE_CONFORMANCE)");
            }
        }

        throw new DirectoryNotFoundException("repository root (VmMiddleware.sln) not found above " + AppContext.BaseDirectory);
    }
}
