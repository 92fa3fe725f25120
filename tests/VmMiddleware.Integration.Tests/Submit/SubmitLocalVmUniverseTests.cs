using System.Security.Cryptography;
using VmMiddleware.Integration.Tests.Support;

namespace VmMiddleware.Integration.Tests.Submit;

/// <summary>
/// HTCondor's vm universe in the manual's form through vmgrid submit --to local: a guest whose own boot sums a file from its
/// input disk onto its own disk and powers off; the modified disk comes back (whole, or as a delta that vmgrid image
/// apply-delta applies), with the real CLI, QEMU, qemu-img and debugfs.
/// </summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SubmitLocalVmUniverseTests
{
    [TestMethod]
    public async Task SubmitLocal_ManualFormVmJob_BringsTheModifiedDiskBackWithTheResult()
    {
        using var dir = new TempDir();
        await SelfRunningGuest.WriteAsync(dir.Path);
        var submit = Path.Combine(dir.Path, "vm-universe-sum.sub");
        File.Copy(Path.Combine(QemuEnvironment.Examples, "vm-universe-sum.sub"), submit);
        var original = Hash(Path.Combine(dir.Path, "sum-root.img"));
        var job = Path.Combine(dir.Path, "job");

        var (exitCode, stderr) = await SubmitAsync(submit, job);

        Assert.AreEqual(0, exitCode, stderr);
        Assert.AreEqual("31\n", await SelfRunningGuest.ReadFileAsync(Path.Combine(job, "sum-root.img"), "/sum.txt"), stderr);
        Assert.AreEqual(original, Hash(Path.Combine(dir.Path, "sum-root.img")), "the submitted disk itself must stay as it was");
        Assert.IsNull(await SelfRunningGuest.ReadFileAsync(Path.Combine(dir.Path, "sum-root.img"), "/sum.txt"));
        StringAssert.Contains(File.ReadAllText(Path.Combine(job, "out", "console.log")), "sum-guest: summed, powering off");
        StringAssert.Contains(stderr, "booted (console output)");
        StringAssert.Contains(stderr, "the guest powered off");
    }

    [TestMethod]
    public async Task SubmitLocal_DeltaForm_BringsBackOnlyTheDeltaWhichApplyDeltaApplies()
    {
        using var dir = new TempDir();
        await SelfRunningGuest.WriteAsync(dir.Path);
        var submit = Path.Combine(dir.Path, "vm-universe-sum-delta.sub");
        File.WriteAllText(submit, File.ReadAllText(Path.Combine(QemuEnvironment.Examples, "vm-universe-sum.sub"))
            .Replace("\nqueue", "\n+VmMiddlewareReturnDisks = \"delta\"\nqueue", StringComparison.Ordinal));
        var original = Path.Combine(dir.Path, "sum-root.img");
        var originalHash = Hash(original);
        var job = Path.Combine(dir.Path, "job");

        var (exitCode, stderr) = await SubmitAsync(submit, job);

        Assert.AreEqual(0, exitCode, stderr);
        var delta = Path.Combine(job, "sum-root.img.delta");
        Assert.IsTrue(File.Exists(delta), stderr);
        Assert.IsFalse(File.Exists(Path.Combine(job, "sum-root.img")), "only the delta comes back");
        Assert.IsLessThan(new FileInfo(original).Length / 2, new FileInfo(delta).Length, "a delta holds only what the guest wrote");

        // With --base and -o: the original stays as it was; the result is a new image with the guest's file in it.
        var applied = Path.Combine(dir.Path, "applied.img");
        var (applyExit, applyOut, applyErr) = await CliAsync("image", "apply-delta", delta, "--base", original, "-o", applied);
        Assert.AreEqual(0, applyExit, applyErr);
        Assert.AreEqual(applied + "\n", applyOut);
        Assert.AreEqual("31\n", await SelfRunningGuest.ReadFileAsync(applied, "/sum.txt"));
        Assert.AreEqual(originalHash, Hash(original));

        // Without them: the base is the file the delta names beside it, replaced whole.
        File.Copy(original, Path.Combine(job, "sum-root.img"));
        var (inPlaceExit, _, inPlaceErr) = await CliAsync("image", "apply-delta", delta);
        Assert.AreEqual(0, inPlaceExit, inPlaceErr);
        Assert.AreEqual("31\n", await SelfRunningGuest.ReadFileAsync(Path.Combine(job, "sum-root.img"), "/sum.txt"));
    }

    [TestMethod]
    public async Task ApplyDelta_BaseOfAnotherSize_IsOneUserErrorAndWritesNothing()
    {
        using var dir = new TempDir();
        var other = Path.Combine(dir.Path, "other.img");
        File.WriteAllBytes(other, new byte[1 << 20]);
        var delta = Path.Combine(dir.Path, "disk.img.delta");
        var made = await ToolRun.RunAsync(RequiredTool.Find("qemu-img"), ["create", "-q", "-f", "qcow2", "-u", "-b", "disk.img", "-F", "raw", delta, "8M"], timeout: TimeSpan.FromMinutes(1));
        Assert.AreEqual(0, made.ExitCode, made.ToString());

        var (exitCode, _, stderr) = await CliAsync("image", "apply-delta", delta, "--base", other, "-o", Path.Combine(dir.Path, "out.img"));

        Assert.AreEqual(1, exitCode);
        Assert.AreEqual($"vmgrid: {delta}: the delta covers 8388608 bytes, but {other} has 1048576; it was made over another image\n", stderr);
        Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "out.img")));
        CollectionAssert.AreEquivalent(new[] { "other.img", "disk.img.delta" }, Directory.GetFiles(dir.Path).Select(Path.GetFileName).ToArray());
    }

    private static async Task<(int ExitCode, string Stderr)> SubmitAsync(string submit, string job)
    {
        var (exitCode, _, stderr) = await CliAsync("submit", submit, "--to", "local", "-o", job);
        return (exitCode, stderr);
    }

    private static async Task<(int ExitCode, string Stdout, string Stderr)> CliAsync(params string[] arguments)
    {
        var (process, stderr) = QemuEnvironment.StartCli(arguments);
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
            return (process.ExitCode, await stdout, string.Join('\n', stderr) + (stderr.Count > 0 ? "\n" : string.Empty));
        }
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
