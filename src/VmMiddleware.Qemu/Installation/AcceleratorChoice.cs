namespace VmMiddleware.Qemu.Installation;

/// <summary>The accelerator chosen for this host and why.</summary>
/// <param name="Accelerator">The accelerator to use.</param>
/// <param name="Reason">One line saying why (the probe's finding).</param>
/// <param name="FromCache">Whether the answer was reused rather than probed now: a too-slow KVM verdict kept from an earlier probe in this boot, or an eviction checkpoint's accelerator (it restores only under the one it was saved with).</param>
public sealed record AcceleratorChoice(Accelerator Accelerator, string Reason, bool FromCache)
{
    /// <summary>Gets the value of QEMU's -accel option for this choice.</summary>
    public string QemuName => Accelerator == Accelerator.Kvm ? "kvm" : "tcg";
}
