using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class AcceleratorProbeTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("vmgrid-probe-").FullName;
        Boot("6542acb1-c725-4f15-96d5-8a909e32de76");
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    private const string Slow = "KVM runs guest code far too slowly: 3 of 64 test loops took 55.0 ms of CPU time";

    private KvmVerdictCache Cache(string device) => new(KvmVerdictCache.PathUnder(Path.Combine(_dir, "cache")), device, Path.Combine(_dir, "proc"));

    // This test's own boot id and kernel release, so a test can reboot the host.
    private void Boot(string id)
    {
        var proc = Path.Combine(_dir, "proc");
        Directory.CreateDirectory(Path.Combine(proc, "sys", "kernel", "random"));
        File.WriteAllText(Path.Combine(proc, "sys", "kernel", "random", "boot_id"), id);
        File.WriteAllText(Path.Combine(proc, "sys", "kernel", "osrelease"), "6.18.44");
    }

    private async Task<string> Device()
    {
        var device = Path.Combine(_dir, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        return device;
    }

    [TestMethod]
    public async Task ChooseAsync_ProvedTooSlow_KeptAndReusedWithoutProbing()
    {
        var device = await Device();
        var probes = 0;
        var probe = new AcceleratorProbe(device, _ => { probes++; return (false, Slow, true); }, Cache(device));

        var first = await probe.ChooseAsync(CancellationToken.None);
        var second = await new AcceleratorProbe(device, _ => { probes++; return (true, "must not run", false); }, Cache(device)).ChooseAsync(CancellationToken.None);

        Assert.AreEqual(1, probes);
        Assert.AreEqual(Accelerator.Tcg, first.Accelerator);
        Assert.IsFalse(first.FromCache);
        Assert.AreEqual("KVM does not work here: " + Slow, first.Reason);
        Assert.AreEqual(Accelerator.Tcg, second.Accelerator);
        Assert.IsTrue(second.FromCache);
        Assert.AreEqual($"KVM does not work here: {Slow} (kept in {Cache(device).Location} by an earlier probe in this boot)", second.Reason);
    }

    [TestMethod]
    public async Task ChooseAsync_KeptVerdictFromAnotherBoot_ProbesAgainAndKvmChosen()
    {
        var device = await Device();
        Cache(device).Write(Slow);
        Boot("00000000-0000-0000-0000-000000000002");
        var probes = 0;

        var choice = await new AcceleratorProbe(device, _ => { probes++; return (true, "a KVM test guest ran", false); }, Cache(device)).ChooseAsync(CancellationToken.None);

        Assert.AreEqual(1, probes);
        Assert.AreEqual(Accelerator.Kvm, choice.Accelerator);
        Assert.IsFalse(choice.FromCache);
    }

    [TestMethod]
    public async Task ChooseAsync_FailureThatDoesNotLast_NotKept()
    {
        var device = await Device();
        var probes = 0;
        var probe = new AcceleratorProbe(device, _ => { probes++; return (false, "the KVM test guest did not return from KVM_RUN within 2 s", false); }, Cache(device));

        await probe.ChooseAsync(CancellationToken.None);
        var second = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(2, probes);
        Assert.IsFalse(second.FromCache);
        Assert.IsFalse(File.Exists(Cache(device).Location));
    }

    [TestMethod]
    public async Task ChooseAsync_KeptVerdictButDeviceGone_SaysSoWithoutTheKeptVerdict()
    {
        var device = await Device();
        Cache(device).Write(Slow);
        File.Delete(device);

        var choice = await new AcceleratorProbe(device, _ => (false, Slow, true), Cache(device)).ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        Assert.AreEqual($"{device} does not exist", choice.Reason);
        Assert.IsFalse(choice.FromCache);
    }

    [TestMethod]
    public void Forced_Kvm_KvmWhateverAProbeWouldSay() =>
        Assert.AreEqual(new AcceleratorChoice(Accelerator.Kvm, "VMMIDDLEWARE_ACCEL=kvm", false), AcceleratorProbe.Forced("KVM", "VMMIDDLEWARE_ACCEL"));

    [TestMethod]
    public async Task ChooseAsync_NoKvmDevice_TcgWithoutProbe()
    {
        var probes = 0;
        var probe = new AcceleratorProbe(Path.Combine(_dir, "no-kvm"), _ => { probes++; return (true, "ran", false); });

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
        var probe = new AcceleratorProbe(device, _ => { probes++; return (true, "a KVM test guest ran", false); }, Cache(device));

        var first = await probe.ChooseAsync(CancellationToken.None);
        var second = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Kvm, first.Accelerator);
        Assert.AreEqual(Accelerator.Kvm, second.Accelerator);
        Assert.IsFalse(second.FromCache);
        Assert.AreEqual(2, probes);
        Assert.IsFalse(File.Exists(Cache(device).Location));
    }

    [TestMethod]
    public async Task ChooseAsync_DirectProbeFails_TcgSayingWhy()
    {
        var device = Path.Combine(_dir, "kvm");
        await File.WriteAllTextAsync(device, string.Empty);
        var probe = new AcceleratorProbe(device, _ => (false, "KVM_CREATE_VM failed (errno 19: ENODEV)", false));

        var choice = await probe.ChooseAsync(CancellationToken.None);

        Assert.AreEqual(Accelerator.Tcg, choice.Accelerator);
        Assert.AreEqual("KVM does not work here: KVM_CREATE_VM failed (errno 19: ENODEV)", choice.Reason);
        Assert.AreEqual("tcg", choice.QemuName);
    }
}
