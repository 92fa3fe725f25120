using System.Runtime.Versioning;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Images.Building;

/// <summary>What the VM executor boots builder VMs with: QEMU, the reference guest, the accelerator and the time limits.</summary>
[SupportedOSPlatform("linux")]
public sealed record VmExecutorOptions
{
    /// <summary>Gets the QEMU to run.</summary>
    public required QemuInstallation Qemu { get; init; }

    /// <summary>Gets the reference guest (kernel + initramfs with the agent) the builder VMs boot.</summary>
    public required GuestKernel Guest { get; init; }

    /// <summary>Gets the cache root holding the builder VMs' boot checkpoints (the edge reads it from its settings).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Gets a fixed accelerator, or null to probe (KVM when it really boots the guest, else TCG).</summary>
    public AcceleratorChoice? Accelerator { get; init; }

    /// <summary>Gets whether builder VMs start from a saved booted guest (cached per guest, QEMU, memory and disk sizes; saved by the first build) instead of booting cold; true by default.</summary>
    public bool FromBootCheckpoint { get; init; } = true;

    /// <summary>Gets the builder VM's memory in MiB (the seed is unpacked in guest RAM); 1024 by default.</summary>
    public int MemoryMiB { get; init; } = 1024;

    /// <summary>Gets how long the builder may print nothing (no boot, no heartbeat) before it counts as hung and is killed; 3 minutes by default.</summary>
    public TimeSpan SilenceTimeout { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets the receiver of one-line messages about the builder VM (start, accelerator, console log path), or null.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>Gets the clock that times each action; the system clock by default.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
