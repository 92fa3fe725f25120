namespace VmMiddleware.Submit.Tests;

/// <summary>Finds the repository (the directory holding VmMiddleware.sln) and HTCondor's conformance submit files beside it.</summary>
internal static class SubmitTestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    /// <summary>Gets this test project in the source tree, where the golden files and the job-count table live.</summary>
    public static string SourceDirectory => Path.Combine(RepositoryRoot, "tests", "VmMiddleware.Submit.Tests");

    public static string GoldenDirectory => Path.Combine(SourceDirectory, "Golden");

    /// <summary>Gets ../shared/conformance/submit beside the repository, or $VMMIDDLEWARE_CONFORMANCE/submit.</summary>
    public static string ConformanceDirectory
    {
        get
        {
            var fromEnv = Environment.GetEnvironmentVariable("VMMIDDLEWARE_CONFORMANCE");
            var root = !string.IsNullOrEmpty(fromEnv) ? fromEnv : Path.Combine(Directory.GetParent(RepositoryRoot)!.FullName, "shared", "conformance");
            var directory = Path.Combine(root, "submit");
            return Directory.Exists(directory)
                ? directory
                : throw new DirectoryNotFoundException("HTCondor conformance submit files not found at " + directory + " (set VMMIDDLEWARE_CONFORMANCE)");
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VmMiddleware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("repository root (VmMiddleware.sln) not found above " + AppContext.BaseDirectory);
    }
}
