namespace VmMiddleware.Qemu.Installation;

/// <summary>Why the direct KVM probe stopped its test guest before the guest halted, if it did.</summary>
internal enum KvmProbeStop
{
    /// <summary>The guest was not stopped: it halted, or exited in a way the verdict reports.</summary>
    None,

    /// <summary>The guest's own CPU time proved KVM far too slow (<see cref="KvmPace"/>).</summary>
    TooSlow,

    /// <summary>The guest did not finish within the probe's wall-clock limit although it used little CPU time.</summary>
    WallLimit,
}
