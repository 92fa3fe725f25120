using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class AcceleratorProbeTests
{
    private static readonly QemuInstallation Qemu = new("/bin/true", null, null, null, null);
    private string _cache = null!;

    [TestInitialize]
    public void Setup() => _cache = Directory.CreateTempSubdirectory("vmgrid-probe-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_cache, recursive: true);

    [TestMethod]
    public async Task ChooseAsync_NoKvmDevice_TcgWithoutTestBoot()
    {
        var boots = 0;
        var probe = new AcceleratorProbe(Qemu, _cache, Path.Combine(_cache, "no-kvm"), _ => { boots++; return Task.FromResult((true, "booted")); });

        var choice = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        StringAssert.Contains(choice.Reason, "does not exist");
        Assert.AreEqual(0, boots);
    }

    [TestMethod]
    public async Task ChooseAsync_TestBootWorks_KvmAndCachedForTheNextCall()
    {
        var device = Path.Combine(_cache, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        var boots = 0;
        var probe = new AcceleratorProbe(Qemu, _cache, device, _ => { boots++; return Task.FromResult((true, "reached BOOTED")); });

        var first = await probe.ChooseAsync(CancellationToken.None);
        var second = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Kvm, first.Accelerator);
        Assert.IsFalse(first.FromCache);
        Assert.AreEqual(Accelerator.Kvm, second.Accelerator);
        Assert.IsTrue(second.FromCache);
        Assert.AreEqual("reached BOOTED", second.Reason);
        Assert.AreEqual(1, boots);
    }

    [TestMethod]
    public async Task ChooseAsync_TestBootFails_TcgWithReason()
    {
        var device = Path.Combine(_cache, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        var probe = new AcceleratorProbe(Qemu, _cache, device, _ => Task.FromResult((false, "a KVM test boot failed (no VMGRID:BOOTED within 8 s)")));

        var choice = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        StringAssert.Contains(choice.Reason, "test boot failed");
        Assert.AreEqual("tcg", choice.QemuName);
    }
}
