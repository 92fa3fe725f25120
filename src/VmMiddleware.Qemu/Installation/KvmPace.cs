namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Judges the KVM test guest's pace loop by loop from the probing thread's CPU time, which includes the guest's time in
/// KVM_RUN but not the time other processes hold the CPU: a working KVM that is descheduled is not mistaken for a slow one.
/// </summary>
/// <remarks>
/// A loop may use its share of the budget (100 ms over 64 loops: 1.6 ms); a working KVM needs about 0.02 ms, the slow KVM of a
/// nested or software-virtualized host 15-25 ms. <see cref="SlowInARow"/> slow loops in a row stop the guest early: one slow
/// loop alone may be the first entry's page faults or a memory reclaim charged to the thread.
/// </remarks>
/// <param name="budget">The CPU time the whole guest may use.</param>
/// <param name="loops">How many loops the guest runs.</param>
/// <param name="wallLimit">How long the guest may take by the clock before the probe gives up anyway (a KVM_RUN that sleeps instead of running).</param>
internal sealed class KvmPace(TimeSpan budget, int loops, TimeSpan wallLimit)
{
    /// <summary>How many loops in a row must each use more than their share of the budget before the guest is stopped as too slow.</summary>
    public const int SlowInARow = 3;

    private int _slow;

    /// <summary>Gets the CPU time of the loops seen so far.</summary>
    public TimeSpan Cpu { get; private set; }

    /// <summary>Gets the CPU time one loop may use: its share of the budget.</summary>
    public TimeSpan LoopAllowance => budget / loops;

    /// <summary>Records one finished loop and returns whether to stop the guest now, and why.</summary>
    /// <param name="loopCpu">The CPU time the loop took.</param>
    /// <param name="wall">The wall time since the guest started.</param>
    public KvmProbeStop Loop(TimeSpan loopCpu, TimeSpan wall)
    {
        Cpu += loopCpu;
        _slow = loopCpu > LoopAllowance ? _slow + 1 : 0;
        return _slow >= SlowInARow || Cpu > budget ? KvmProbeStop.TooSlow
            : wall > wallLimit ? KvmProbeStop.WallLimit
            : KvmProbeStop.None;
    }
}
