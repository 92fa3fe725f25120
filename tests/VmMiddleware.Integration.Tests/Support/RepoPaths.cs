namespace VmMiddleware.Integration.Tests.Support;

/// <summary>Locations in the source tree and the test output.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Gets the framework-dependent vmgrid.dll that the project reference copies beside the tests.</summary>
    public static string VmgridDll => Path.Combine(AppContext.BaseDirectory, "vmgrid.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "VmMiddleware.sln")))
            {
                return dir.FullName;
            }
        }

        throw new AssertFailedException("cannot find VmMiddleware.sln above " + AppContext.BaseDirectory);
    }
}
