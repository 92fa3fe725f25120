namespace VmMiddleware.Qemu.Launch;

/// <summary>One disk of the VM: a file in the VM directory, its format, and how the guest finds it (by virtio serial, or as the device a VM-universe job named).</summary>
/// <param name="Id">The QEMU drive id.</param>
/// <param name="FileName">The image's file name inside the VM directory.</param>
/// <param name="Format">The QEMU block format (raw, qcow2).</param>
/// <param name="Serial">The virtio serial the guest sees (CIDATA, vmgrid-input, vmgrid-output, vmgrid-root, vmgrid-seedwait).</param>
/// <param name="BootIndex">The firmware boot index, or null when the disk is not booted from.</param>
/// <param name="ReadOnly">Whether the guest sees the disk read-only (seed, input, wait-mode seed, a vm_disk with permission r).</param>
/// <param name="OverImage">Whether the disk is the run's qcow2 overlay over the work unit's image, whose backing chain is given to QEMU explicitly.</param>
/// <param name="Device">The device a VM-universe job named (vdb, hda, sdc, xvdb), which picks the bus and the position on it; null for a virtio disk found by serial.</param>
/// <param name="AttachedIndex">For the overlay over the work unit's further disk number AttachedIndex (0-based), whose chain is given to QEMU explicitly; null otherwise.</param>
/// <param name="CdRom">Whether the disk is a CD-ROM (an .iso file on an IDE or SCSI device, as HTCondor's vm-gahp attaches it).</param>
internal sealed record VmDisk(
    string Id, string FileName, string Format, string Serial, int? BootIndex = null, bool ReadOnly = false, bool OverImage = false,
    string? Device = null, int? AttachedIndex = null, bool CdRom = false);
