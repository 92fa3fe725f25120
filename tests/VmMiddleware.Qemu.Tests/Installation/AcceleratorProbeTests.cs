using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class AcceleratorProbeTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-probe-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public async Task ChooseAsync_NoKvmDevice_TcgWithoutProbe()
    {
        var probes = 0;
        var probe = new AcceleratorProbe(Path.Combine(_dir, "no-kvm"), _ => { probes++; return (true, "ran"); });

        var choice = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        StringAssert.Contains(choice.Reason, "does not exist");
        Assert.AreEqual(0, probes);
    }

    [TestMethod]
    public async Task ChooseAsync_DirectProbeWorks_KvmAskedEveryTimeNeverCached()
    {
        var device = Path.Combine(_dir, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        var probes = 0;
        var probe = new AcceleratorProbe(device, _ => { probes++; return (true, "a KVM test guest ran"); });

        var first = await probe.ChooseAsync(CancellationToken.None);
        var second = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Kvm, first.Accelerator);
        Assert.AreEqual(Accelerator.Kvm, second.Accelerator);
        Assert.IsFalse(second.FromCache);
        Assert.AreEqual(2, probes);
    }

    [TestMethod]
    public async Task ChooseAsync_DirectProbeFails_TcgSayingWhy()
    {
        var device = Path.Combine(_dir, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        var probe = new AcceleratorProbe(device, _ => (false, "KVM_CREATE_VM failed (errno 19: ENODEV)"));

        var choice = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        Assert.AreEqual("KVM does not work here: KVM_CREATE_VM failed (errno 19: ENODEV)", choice.Reason);
        Assert.AreEqual("tcg", choice.QemuName);
    }
}
