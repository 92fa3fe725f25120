using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KvmVerdictTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);

    private static int[] Exits(int ios, int last) => [.. Enumerable.Repeat(KvmVerdict.ExitIo, ios), last];

    private static KvmProbeReport Report(int[] exits, int chunks, double wallMs, double cpuMs, KvmProbeStop stop = KvmProbeStop.None) =>
        new(null, 0, 12, exits, chunks, 64, TimeSpan.FromMilliseconds(wallMs), TimeSpan.FromMilliseconds(cpuMs), stop);

    [TestMethod]
    public void From_AllLoopsThenHlt_WorksNotLasting()
    {
        var report = Report(Exits(64, KvmVerdict.ExitHlt), 64, wallMs: 1.5, cpuMs: 1.25);

        var (works, reason, lasting) = KvmVerdict.From(report, Budget);

        Assert.IsTrue(works, reason);
        Assert.IsFalse(lasting);
        Assert.AreEqual("a KVM test guest ran 64 loops and halted in 1.5 ms, 1.3 ms of CPU time (KVM_CREATE_VM, KVM_RUN)", reason);
    }

    [TestMethod]
    public void From_AllLoopsSlowByTheClockButNotInCpu_Works()
    {
        // A working KVM on a loaded host: the guest waited for the CPU, it did not run slowly.
        var report = Report(Exits(64, KvmVerdict.ExitHlt), 64, wallMs: 450, cpuMs: 2);

        Assert.IsTrue(KvmVerdict.From(report, Budget).Works);
    }

    [TestMethod]
    public void From_AllLoopsButOverTheCpuBudget_TooSlowAndLasting()
    {
        var report = Report(Exits(64, KvmVerdict.ExitHlt), 64, wallMs: 130, cpuMs: 120);

        var (works, reason, lasting) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        Assert.IsTrue(lasting);
        StringAssert.StartsWith(reason, "KVM runs guest code far too slowly: 64 of 64 test loops took 120.0 ms of CPU time");
    }

    [TestMethod]
    [DataRow("KVM_CREATE_VM", 19, "KVM_CREATE_VM failed (errno 19: ENODEV)")]
    [DataRow("open /dev/kvm", 13, "open /dev/kvm failed (errno 13: EACCES)")]
    [DataRow("KVM_RUN", 4, "KVM_RUN failed (errno 4: see errno(3))")]
    public void From_StepFailed_NamesStepAndErrno(string step, int errno, string expected)
    {
        var report = new KvmProbeReport(step, errno, 12, [], 0, 64, TimeSpan.Zero, TimeSpan.Zero, KvmProbeStop.None);

        Assert.AreEqual((false, expected, false), KvmVerdict.From(report, Budget));
    }

    [TestMethod]
    public void From_StoppedAsTooSlow_FailsSayingHowSlowAndLasting()
    {
        var report = Report(Exits(3, KvmVerdict.ExitIo), 3, wallMs: 120.25, cpuMs: 57.5, KvmProbeStop.TooSlow);

        var (works, reason, lasting) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        Assert.IsTrue(lasting);
        Assert.AreEqual(
            "KVM runs guest code far too slowly: 3 of 64 test loops took 57.5 ms of CPU time (120.3 ms in all; budget 100 ms for all 64, which a working KVM runs in about 1 ms; TCG is faster)",
            reason);
    }

    [TestMethod]
    public void From_StoppedAtTheWallLimit_FailsNotLasting()
    {
        var report = Report(Exits(5, KvmVerdict.ExitIo), 5, wallMs: 1000.5, cpuMs: 0.5, KvmProbeStop.WallLimit);

        var (works, reason, lasting) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        Assert.IsFalse(lasting);
        Assert.AreEqual("the KVM test guest ran only 5 of 64 loops in 1000.5 ms, using 0.5 ms of CPU time (KVM_RUN waits instead of running it)", reason);
    }

    [TestMethod]
    public void From_WrongApiVersion_Fails() =>
        Assert.AreEqual((false, "KVM_GET_API_VERSION is 11, not 12", false), KvmVerdict.From(Report([], 0, 0, 0) with { ApiVersion = 11 }, Budget));

    [TestMethod]
    [DataRow(9)] // KVM_EXIT_FAIL_ENTRY
    [DataRow(17)] // KVM_EXIT_INTERNAL_ERROR
    [DataRow(8)] // KVM_EXIT_SHUTDOWN
    public void From_UnexpectedExitReason_Fails(int reason)
    {
        var report = Report(Exits(3, reason), 3, wallMs: 1, cpuMs: 1);

        var (works, why, _) = KvmVerdict.From(report, Budget);

        Assert.IsFalse(works);
        StringAssert.Contains(why, $"exit reasons 2,2,2,{reason}");
    }

    [TestMethod]
    public void From_HaltedBeforeAllLoops_Fails() =>
        Assert.IsFalse(KvmVerdict.From(Report(Exits(10, KvmVerdict.ExitHlt), 10, wallMs: 1, cpuMs: 1), Budget).Works);
}
