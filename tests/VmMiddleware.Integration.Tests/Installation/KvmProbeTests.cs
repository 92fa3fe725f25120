using System.Diagnostics;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Integration.Tests.Installation;

[TestClass]
[TestCategory("Integration")]
public sealed class KvmProbeTests
{
    [TestMethod]
    public async Task Probe_ThisHost_QuickVerdictThatAgreesWithARealKvmBoot()
    {
        // No skip without /dev/kvm: the probe's "open failed" must then agree with QEMU's own refusal of -accel kvm.
        var clock = Stopwatch.StartNew();
        var report = KvmProbe.Probe("/dev/kvm", KvmProbe.Budget);
        var (works, reason, _) = KvmVerdict.From(report, KvmProbe.Budget);
        var probeTime = clock.Elapsed;

        // A booted kernel is the ground truth; 30 s is far more than a KVM boot of the reference guest needs even under load.
        var (booted, bootReason) = await AcceleratorProbe.TryKvmBootAsync(QemuEnvironment.Qemu, QemuEnvironment.Guest, TimeSpan.FromSeconds(30), CancellationToken.None);

        Assert.IsLessThan(1.0, probeTime.TotalSeconds, $"the direct probe took {probeTime.TotalSeconds:0.000} s");
        Assert.AreEqual(booted, works, $"direct probe: {reason}; QEMU boot: {bootReason}");
    }
}
