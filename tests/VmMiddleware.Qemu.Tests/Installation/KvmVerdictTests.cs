using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KvmVerdictTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private static int[] Exits(int ios, int last) => [.. Enumerable.Repeat(KvmVerdict.ExitIo, ios), last];

    [TestMethod]
    public void From_AllLoopsThenHlt_Works()
    {
        var report = new KvmProbeReport(null, 0, 12, Exits(64, KvmVerdict.ExitHlt), 64, 64, TimeSpan.FromMilliseconds(1.5), false);

        var (works, reason) = KvmVerdict.From(report, Budget);

        Assert.IsTrue(works, reason);
        Assert.AreEqual("a KVM test guest ran 64 loops and halted in 1.5 ms (KVM_CREATE_VM, KVM_RUN)", reason);
    }

    [TestMethod]
    [DataRow("KVM_CREATE_VM", 19, "KVM_CREATE_VM failed (errno 19: ENODEV)")]
    [DataRow("open /dev/kvm", 13, "open /dev/kvm failed (errno 13: EACCES)")]
    [DataRow("KVM_RUN", 4, "KVM_RUN failed (errno 4: see errno(3))")]
    public void From_StepFailed_NamesStepAndErrno(string step, int errno, string expected)
    {
        var report = new KvmProbeReport(step, errno, 12, [], 0, 64, TimeSpan.Zero, false);

        Assert.AreEqual((false, expected), KvmVerdict.From(report, Budget));
    }

    [TestMethod]
    public void From_GuestTooSlow_FailsSayingHowSlow()
    {
        var report = new KvmProbeReport(null, 0, 12, Exits(1, KvmVerdict.ExitIo), 2, 64, TimeSpan.FromMilliseconds(120.25), true);

        var (works, reason) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        Assert.AreEqual("KVM runs guest code far too slowly: 2 of 64 test loops in 120.3 ms (budget 100 ms; TCG is faster)", reason);
    }

    [TestMethod]
    public void From_WrongApiVersion_Fails() =>
        Assert.AreEqual((false, "KVM_GET_API_VERSION is 11, not 12"), KvmVerdict.From(new KvmProbeReport(null, 0, 11, [], 0, 64, TimeSpan.Zero, false), Budget));

    [TestMethod]
    [DataRow(9)] // KVM_EXIT_FAIL_ENTRY
    [DataRow(17)] // KVM_EXIT_INTERNAL_ERROR
    [DataRow(8)] // KVM_EXIT_SHUTDOWN
    public void From_UnexpectedExitReason_Fails(int reason)
    {
        var report = new KvmProbeReport(null, 0, 12, Exits(3, reason), 3, 64, TimeSpan.FromMilliseconds(1), false);

        var (works, why) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        StringAssert.Contains(why, $"exit reasons 2,2,2,{reason}");
    }

    [TestMethod]
    public void From_HaltedBeforeAllLoops_Fails() =>
        Assert.IsFalse(KvmVerdict.From(new KvmProbeReport(null, 0, 12, Exits(10, KvmVerdict.ExitHlt), 10, 64, TimeSpan.FromMilliseconds(1), false), Budget).Works);
}
