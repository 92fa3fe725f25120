namespace VmMiddleware.Qemu.Machines;

/// <summary>A disk the caller owns and attaches to a <see cref="GuestMachine"/>: the guest finds it by its virtio serial.</summary>
/// <param name="Id">The QEMU drive id (letters, digits, '-' and '_'); QMP block operations name the disk by it.</param>
/// <param name="Path">The image file (absolute); it stays where it is and is never deleted by the machine.</param>
/// <param name="Format">The QEMU block format (raw, qcow2).</param>
/// <param name="Serial">The virtio serial the guest sees (at most 20 bytes).</param>
public sealed record GuestMachineDisk(string Id, string Path, string Format, string Serial);
