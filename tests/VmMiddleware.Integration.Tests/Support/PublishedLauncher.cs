namespace VmMiddleware.Integration.Tests.Support;

/// <summary>The self-contained single-file vmgrid, published once per test run exactly as jobs ship it (or the one $VMMIDDLEWARE_TEST_LAUNCHER names, published from the same tree, to iterate faster by hand).</summary>
internal static class PublishedLauncher
{
    private static readonly Lazy<Task<string>> Published = new(PublishAsync);

    /// <summary>Gets the path of the published <c>vmgrid</c> executable.</summary>
    public static Task<string> PathAsync() => Published.Value;

    /// <summary>Removes the publish directory if this run made one.</summary>
    public static void Cleanup()
    {
        if (Published.IsValueCreated && Published.Value.IsCompletedSuccessfully && Environment.GetEnvironmentVariable("VMMIDDLEWARE_TEST_LAUNCHER") is not { Length: > 0 })
        {
            Directory.Delete(Path.GetDirectoryName(Published.Value.Result)!, recursive: true);
        }
    }

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("VMMIDDLEWARE_TEST_LAUNCHER") is { Length: > 0 } given)
        {
            Assert.IsTrue(File.Exists(given), "$VMMIDDLEWARE_TEST_LAUNCHER names no file: " + given);
            return given;
        }

        var output = Directory.CreateTempSubdirectory("vmgrid-publish-").FullName;
        var project = Path.Combine(RepoPaths.Root, "src", "VmMiddleware.Cli", "VmMiddleware.Cli.csproj");
        var result = await ToolRun.RunAsync(
            RequiredTool.Find("dotnet"),
            ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "--nologo", "-v", "quiet"],
            // Native AOT compilation takes 2-3 minutes on an idle 2-core machine (more since vmgrid carries the factory's TLS client),
            // and over 10 on one shared with other builds: the limit is only there to end a hung publish.
            timeout: TimeSpan.FromMinutes(25),
            inheritEnvironment: true);
        Assert.AreEqual(0, result.ExitCode, "dotnet publish failed: " + result);
        var vmgrid = Path.Combine(output, "vmgrid");
        Assert.IsTrue(File.Exists(vmgrid), "publish wrote no single-file vmgrid: " + string.Join(", ", Directory.GetFiles(output)));
        return vmgrid;
    }
}
