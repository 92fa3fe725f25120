namespace VmMiddleware.Integration.Tests.Support;

/// <summary>
/// The reference guest (vmlinux, initramfs.cpio, kernel.cmdline): from $VMMIDDLEWARE_GUEST when it
/// names a built guest directory, else built once by src/guest/build.sh into artifacts/guest (the
/// script reuses a complete build and prints the guest directory as its last line).
/// </summary>
internal static class GuestArtifacts
{
    private static readonly Lazy<Task<string>> Built = new(BuildAsync);

    public static Task<string> DirectoryAsync() => Built.Value;

    private static async Task<string> BuildAsync()
    {
        var given = Environment.GetEnvironmentVariable("VMMIDDLEWARE_GUEST");
        if (!string.IsNullOrEmpty(given) && File.Exists(Path.Combine(given, "vmlinux")))
        {
            return given;
        }

        var script = Path.Combine(RepoPaths.Root, "src", "guest", "build.sh");
        Assert.IsTrue(File.Exists(script), "the reference guest's build script is missing: " + script);
        var result = await ToolRun.RunAsync(RequiredTool.Find("bash"), [script, Path.Combine(RepoPaths.Root, "artifacts", "guest")], timeout: TimeSpan.FromMinutes(5), inheritEnvironment: true);
        Assert.AreEqual(0, result.ExitCode, "src/guest/build.sh failed: " + result);
        var dir = result.Stdout.Trim().Split('\n')[^1].Trim();
        foreach (var name in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(dir, name)), $"guest build printed {dir}, which has no {name}");
        }

        return dir;
    }
}
