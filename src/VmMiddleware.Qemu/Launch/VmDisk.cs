namespace VmMiddleware.Qemu.Launch;

/// <summary>One virtio-blk disk of the VM: a file in the VM directory, its format and the serial the guest finds it by.</summary>
/// <param name="Id">The QEMU drive id.</param>
/// <param name="FileName">The image's file name inside the VM directory.</param>
/// <param name="Format">The QEMU block format (raw, qcow2).</param>
/// <param name="Serial">The virtio serial the guest sees (CIDATA, vmgrid-input, vmgrid-output, vmgrid-root, vmgrid-seedwait).</param>
/// <param name="BootIndex">The firmware boot index, or null when the disk is not booted from.</param>
/// <param name="ReadOnly">Whether the guest sees the disk read-only (seed, input, wait-mode seed).</param>
/// <param name="OverImage">Whether the disk is the run's qcow2 overlay over the work unit's image, whose backing chain is given to QEMU explicitly.</param>
internal sealed record VmDisk(string Id, string FileName, string Format, string Serial, int? BootIndex = null, bool ReadOnly = false, bool OverImage = false);
