using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Integration.Tests;

[TestClass]
[TestCategory("Integration")]
public sealed class LauncherAcceleratorTests
{
    [TestMethod]
    public async Task Run_KeptKvmVerdict_ForcedAcceleratorStillWinsAndTheKeptOneIsUsedWithout()
    {
        // A cache root of the test's own: the kept verdict below is planted, and must not reach other tests' runs.
        var cacheRoot = Directory.CreateTempSubdirectory("vmgrid-it-accel-cache-").FullName;
        try
        {
            var kept = new KvmVerdictCache(KvmVerdictCache.PathUnder(cacheRoot), "/dev/kvm");
            kept.Write("planted by LauncherAcceleratorTests");
            var unit = QemuEnvironment.Example("hello.workunit.xml");
            var forcedWork = QemuEnvironment.NewWorkDirectory("accel-forced");
            var probedWork = QemuEnvironment.NewWorkDirectory("accel-kept");

            var forced = await new Launcher(QemuEnvironment.Options(forcedWork) with
            {
                CacheRoot = cacheRoot,
                Accelerator = AcceleratorProbe.Forced("tcg", "VMMIDDLEWARE_ACCEL"),
            }).RunAsync(unit, CancellationToken.None, CancellationToken.None);
            var probed = await new Launcher(QemuEnvironment.Options(probedWork) with { CacheRoot = cacheRoot })
                .RunAsync(unit, CancellationToken.None, CancellationToken.None);

            Assert.AreEqual(LaunchOutcome.Succeeded, forced.Outcome, forced.Reason + "\n" + forced.ConsoleTail);
            Assert.AreEqual("VMMIDDLEWARE_ACCEL=tcg", forced.AcceleratorReason);
            Assert.AreEqual(LaunchOutcome.Succeeded, probed.Outcome, probed.Reason + "\n" + probed.ConsoleTail);
            Assert.AreEqual("tcg", probed.Accelerator);
            if (kept.Read() is not null && CanOpen("/dev/kvm"))
            {
                // The planted verdict is keyed to this host's /dev/kvm: the probe took it instead of asking KVM.
                Assert.AreEqual($"KVM does not work here: planted by LauncherAcceleratorTests (kept in {kept.Location} by an earlier probe in this boot)", probed.AcceleratorReason);
            }
            else
            {
                // No usable /dev/kvm: that is found before any kept verdict is looked at.
                StringAssert.StartsWith(probed.AcceleratorReason, "/dev/kvm ");
            }

            Directory.Delete(forcedWork, recursive: true);
            Directory.Delete(probedWork, recursive: true);
        }
        finally
        {
            Directory.Delete(cacheRoot, recursive: true);
        }
    }

    private static bool CanOpen(string device)
    {
        try
        {
            using var stream = new FileStream(device, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
