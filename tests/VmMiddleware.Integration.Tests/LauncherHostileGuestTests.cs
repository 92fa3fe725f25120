using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherHostileGuestTests
{
    [TestMethod]
    public async Task Run_GuestWritesSymlinkToEtcPasswd_RefusedNamingEntrySafeOutputsKept()
    {
        var work = QemuEnvironment.NewWorkDirectory("hostile");
        var unit = QemuEnvironment.Shell("hostile", "echo fine > out/ok.txt; ln -s /etc/passwd out/leak; echo visible; echo oops >&2; exit 0");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "'./leak'");
        StringAssert.Contains(result.Reason, "/etc/passwd");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.AreEqual(0, result.ExitCode);
        Assert.AreEqual("fine\n", File.ReadAllText(Path.Combine(work, "out", "ok.txt")));
        Assert.AreEqual("visible\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.AreEqual("oops\n", File.ReadAllText(Path.Combine(work, "out", "stderr")));
        Assert.IsFalse(Path.Exists(Path.Combine(work, "out", "leak")));
        CollectionAssert.AreEquivalent(new[] { "console.log", "out" }, Directory.GetFileSystemEntries(work).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Run_GuestWritesPathOf4061Characters_RefusedNamingEntryStdoutKept()
    {
        // 20 directories of 200 characters and a 39-character file: 4,059 characters under out/, "./" + that in the tar.
        var directories = string.Join('/', Enumerable.Repeat(new string('d', 200), 20));
        var work = QemuEnvironment.NewWorkDirectory("longpath");
        var unit = QemuEnvironment.Shell(
            "longpath", $"mkdir -p out/{directories} && echo deep > out/{directories}/{new string('f', 39)} && echo visible && echo oops >&2; exit 3");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "output entry './" + new string('d', 62));
        StringAssert.Contains(result.Reason, "too long for the host");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.AreEqual(3, result.ExitCode);
        Assert.AreEqual("visible\n", File.ReadAllText(Path.Combine(work, "out", "stdout")));
        Assert.AreEqual("oops\n", File.ReadAllText(Path.Combine(work, "out", "stderr")));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "vm")));
    }

    [TestMethod]
    public async Task Run_GuestOutputOverLimit_Refused()
    {
        var work = QemuEnvironment.NewWorkDirectory("big");
        var unit = QemuEnvironment.Shell("big", "head -c 300000 /dev/zero > out/big.bin", Limits.Default with { MaxOutputBytes = 100_000 });

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "big.bin");
        Assert.IsFalse(File.Exists(Path.Combine(work, "out", "big.bin")));
        Assert.IsTrue(File.Exists(Path.Combine(work, "out", "stdout")));
    }
}
