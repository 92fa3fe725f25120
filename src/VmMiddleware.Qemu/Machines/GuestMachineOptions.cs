using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Machines;

/// <summary>How to start a <see cref="GuestMachine"/>: the reference guest, the job script it runs, its inputs and the caller's own disks.</summary>
public sealed record GuestMachineOptions
{
    /// <summary>Gets the QEMU to run.</summary>
    public required QemuInstallation Qemu { get; init; }

    /// <summary>Gets the reference guest whose kernel and initramfs are booted.</summary>
    public required GuestKernel Guest { get; init; }

    /// <summary>Gets the directory for the machine's own files (seed, input and output disks, console.log, QMP socket); it must exist.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Gets the job script the guest agent runs (see src/guest/README.md); the machine adds VMGRID_INPUT_BYTES, the length of the input disk's tar, after its first line.</summary>
    public required string JobScript { get; init; }

    /// <summary>Gets the host files and directories packed onto the vmgrid-input disk; none by default.</summary>
    public IReadOnlyList<InputItem> Inputs { get; init; } = [];

    /// <summary>Gets the caller's disks, attached in order after the seed, input and output disks.</summary>
    public IReadOnlyList<GuestMachineDisk> Disks { get; init; } = [];

    /// <summary>Gets the size of the zeroed vmgrid-output disk in bytes; 64 MiB by default.</summary>
    public long OutputBytes { get; init; } = 64L << 20;

    /// <summary>Gets the guest memory in MiB; 512 by default.</summary>
    public int MemoryMiB { get; init; } = 512;

    /// <summary>Gets the number of virtual CPUs; 1 by default.</summary>
    public int Vcpus { get; init; } = 1;

    /// <summary>Gets a fixed accelerator, or null to probe (a too-slow KVM verdict is kept for this boot under <see cref="CacheRoot"/>/accelerator).</summary>
    public AcceleratorChoice? Accelerator { get; init; }

    /// <summary>Gets whether to start from a saved booted guest for this device set (about 0.5 s instead of a 2-3 s cold boot under TCG); the first start saves it. False by default.</summary>
    /// <remarks>The job goes on a vmgrid-seedwait disk and the input and output disks get the checkpoint's fixed sizes (1 GiB, sparse); inputs that do not fit boot cold.</remarks>
    public bool FromBootCheckpoint { get; init; }

    /// <summary>Gets the receiver of one-line progress messages (saving a boot checkpoint), or null.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Gets the process runner that runs qemu-img; one that looks programs up in the system directories by default.</summary>
    public IProcessRunner Runner { get; init; } = ProcessRunner.Default;

    /// <summary>Gets the cache root for boot checkpoints and QEMU build identities (the edge reads it from its settings).</summary>
    public required string CacheRoot { get; init; }
}
