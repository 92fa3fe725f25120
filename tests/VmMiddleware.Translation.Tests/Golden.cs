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
