using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherHostileGuestTests
{
    [TestMethod]
    public async Task Run_GuestWritesSymlinkToEtcPasswd_RefusedNamingEntryNothingKept()
    {
        var work = QemuEnvironment.NewWorkDirectory("hostile");
        var unit = QemuEnvironment.Shell("hostile", "echo fine > out/ok.txt; ln -s /etc/passwd out/leak; exit 0");

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "'./leak'");
        StringAssert.Contains(result.Reason, "/etc/passwd");
        Assert.AreEqual(LaunchExitCodes.OutputRefused, LaunchExitCodes.For(result));
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "out")));
        CollectionAssert.AreEquivalent(new[] { "console.log" }, Directory.GetFileSystemEntries(work).Select(Path.GetFileName).ToArray());
    }

    [TestMethod]
    public async Task Run_GuestOutputOverLimit_Refused()
    {
        var work = QemuEnvironment.NewWorkDirectory("big");
        var unit = QemuEnvironment.Shell("big", "head -c 300000 /dev/zero > out/big.bin", Limits.Default with { MaxOutputBytes = 100_000 });

        var result = await QemuEnvironment.RunAsync(unit, work);

        Assert.AreEqual(LaunchOutcome.OutputRefused, result.Outcome, result.Reason + "\n" + result.ConsoleTail);
        StringAssert.Contains(result.Reason, "big.bin");
        Assert.IsFalse(Directory.Exists(Path.Combine(work, "out")));
    }
}
