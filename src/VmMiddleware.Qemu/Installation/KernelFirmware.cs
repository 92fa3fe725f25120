namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// The firmware for VMs that boot the reference guest's kernel directly: qboot when the QEMU build has it, else QEMU's default
/// SeaBIOS. qboot hands over to the PVH kernel without SeaBIOS's power-on self-test, which costs a large part of a second under TCG.
/// </summary>
internal static class KernelFirmware
{
    /// <summary>The minimal firmware QEMU ships for direct kernel boots (also microvm's BIOS).</summary>
    public const string Qboot = "qboot.rom";

    /// <summary>Returns the -bios name for a direct kernel boot with <paramref name="qemu"/>, or null for the default firmware.</summary>
    public static string? For(QemuInstallation qemu) => qemu.HasFirmware(Qboot) ? Qboot : null;
}
