namespace VmMiddleware.Qemu.Installation;

/// <summary>The accelerator chosen for this host and why.</summary>
/// <param name="Accelerator">The accelerator to use.</param>
/// <param name="Reason">One line saying why (the probe's finding).</param>
/// <param name="FromCache">Whether the answer came from the per-host cache rather than a fresh probe.</param>
public sealed record AcceleratorChoice(Accelerator Accelerator, string Reason, bool FromCache)
{
    /// <summary>Gets the value of QEMU's -accel option for this choice.</summary>
    public string QemuName => Accelerator == Accelerator.Kvm ? "kvm" : "tcg";
}
