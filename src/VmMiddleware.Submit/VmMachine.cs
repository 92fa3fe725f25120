using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>What vm_disk, vm_type and the xen_ commands (or vmgrid_image) make of a job's machine: the boot image, further disks and a kernel to boot directly.</summary>
/// <param name="Image">The boot image (the first vm_disk entry).</param>
/// <param name="Disks">The further vm_disk entries, in order.</param>
/// <param name="Kernel">The kernel QEMU boots directly (xen_kernel = FILE), or null.</param>
/// <param name="Files">The absolute host paths of every file the machine is made of (disks, kernel, initrd), which transfer_input_files may list too.</param>
internal sealed record VmMachine(ImageSpec Image, IReadOnlyList<AttachedDisk> Disks, KernelBoot? Kernel, IReadOnlySet<string> Files);
