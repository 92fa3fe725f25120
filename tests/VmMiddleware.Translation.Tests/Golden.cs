namespace VmMiddleware.Translation.Tests;

/// <summary>Compares generated text with an approved file in the test project; on a difference it writes NAME.received beside the approved file.</summary>
internal static class Golden
{
    public static void AssertMatches(string relativePath, string actual)
    {
        var approvedPath = Path.Combine(SourceDirectory(), relativePath);
        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : null;
        var receivedPath = approvedPath.Replace(".approved.", ".received.", StringComparison.Ordinal);
        if (approved == actual)
        {
            File.Delete(receivedPath);
            return;
        }

        File.WriteAllText(receivedPath, actual);
        Assert.Fail($"{relativePath} differs from the generated text; compare with {receivedPath} and rename it to approve.\n--- generated ---\n{actual}");
    }

    /// <summary>Returns the path of a file of this test project in the source tree.</summary>
    public static string SourcePath(string relativePath) => Path.Combine(SourceDirectory(), relativePath);

    /// <summary>Returns the path of a file of the repository (the source tree above this test project).</summary>
    public static string RepositoryPath(string relativePath) => Path.GetFullPath(Path.Combine(SourceDirectory(), "..", "..", relativePath));

    // The approved files live in the source tree (they are reviewed there); find it from the build output.
    private static string SourceDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "VmMiddleware.Translation.Tests");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException("tests/VmMiddleware.Translation.Tests not found above " + AppContext.BaseDirectory);
    }
}
