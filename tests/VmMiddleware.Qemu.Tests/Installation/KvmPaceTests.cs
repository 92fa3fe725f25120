using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KvmPaceTests
{
    private static readonly TimeSpan Budget = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan WallLimit = TimeSpan.FromSeconds(1);

    private static KvmPace NewPace() => new(Budget, 64, WallLimit);

    private static TimeSpan Ms(double ms) => TimeSpan.FromMilliseconds(ms);

    [TestMethod]
    public void LoopAllowance_BudgetOver64Loops_ItsShare() => Assert.AreEqual(Ms(1.5625), NewPace().LoopAllowance);

    [TestMethod]
    public void Loop_ThreeSlowLoopsInARow_StopsAsTooSlowAfterTheThird()
    {
        // This host's KVM: 15-25 ms of CPU per loop.
        var pace = NewPace();

        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(18), Ms(40)));
        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(19), Ms(90)));
        Assert.AreEqual(KvmProbeStop.TooSlow, pace.Loop(Ms(18), Ms(130)));
        Assert.AreEqual(Ms(55), pace.Cpu);
    }

    [TestMethod]
    public void Loop_WorkingKvmDescheduledPastTheBudget_KeepsGoing()
    {
        // A loaded host: every loop waits 40 ms for the CPU but uses 0.02 ms of it, so by the clock the guest is over its budget at once.
        var pace = NewPace();

        for (var loop = 1; loop <= 20; loop++)
        {
            Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(0.02), Ms(40 * loop)), $"loop {loop}");
        }
    }

    [TestMethod]
    public void Loop_OneOrTwoSlowLoopsBetweenFastOnes_KeepsGoing()
    {
        // The first entry's page faults, or a memory reclaim charged to the thread, make single loops slow on a working KVM.
        var pace = NewPace();

        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(30), Ms(30)));
        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(20), Ms(50)));
        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(0.02), Ms(50)));
        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(25), Ms(75)));
        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(0.02), Ms(75)));
    }

    [TestMethod]
    public void Loop_SlowLoopsNeverThreeInARowButOverTheBudget_StopsAsTooSlow()
    {
        var pace = NewPace();
        var stop = KvmProbeStop.None;
        var loops = 0;
        while (stop == KvmProbeStop.None && loops < 64)
        {
            loops++;
            stop = pace.Loop(loops % 3 == 0 ? Ms(0.02) : Ms(30), Ms(loops * 30));
        }

        Assert.AreEqual(KvmProbeStop.TooSlow, stop);
        Assert.IsGreaterThan(Budget, pace.Cpu);
        Assert.AreEqual(5, loops);
    }

    [TestMethod]
    public void Loop_LittleCpuPastTheWallLimit_StopsAtTheWallLimit()
    {
        var pace = NewPace();

        Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(0.1), Ms(600)));
        Assert.AreEqual(KvmProbeStop.WallLimit, pace.Loop(Ms(0.1), Ms(1001)));
    }

    [TestMethod]
    public void Loop_SlowLoopsJustAtTheAllowance_NotCountedAsSlow()
    {
        var pace = NewPace();

        for (var loop = 0; loop < 10; loop++)
        {
            Assert.AreEqual(KvmProbeStop.None, pace.Loop(Ms(1.5625), Ms(loop * 2)));
        }
    }
}
