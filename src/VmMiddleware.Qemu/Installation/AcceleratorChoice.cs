namespace VmMiddleware.Qemu.Installation;

/// <summary>The accelerator chosen for this host and why.</summary>
/// <param name="Accelerator">The accelerator to use.</param>
/// <param name="Reason">One line saying why (the probe's finding).</param>
/// <param name="FromCache">Whether the answer was reused (from an eviction checkpoint, which restores only under the accelerator it was saved with) rather than probed now.</param>
public sealed record AcceleratorChoice(Accelerator Accelerator, string Reason, bool FromCache)
{
    /// <summary>Gets the value of QEMU's -accel option for this choice.</summary>
    public string QemuName => Accelerator == Accelerator.Kvm ? "kvm" : "tcg";
}
