using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Where and how the launcher runs a work unit.</summary>
public sealed record LaunchOptions
{
    /// <summary>Gets the job's work directory: outputs land in its out/, the VM's files in vm/, a checkpoint in checkpoint/.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Gets the QEMU to run.</summary>
    public required QemuInstallation Qemu { get; init; }

    /// <summary>Gets the reference guest (kernel + initramfs); required for reference-guest and root-filesystem images.</summary>
    public GuestKernel? Guest { get; init; }

    /// <summary>Gets the cache root (boot checkpoints, QEMU build identities, the KVM verdict, the image cache; the edge reads it from its settings).</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Gets the store that turns the work unit's image into local files, or null (the default) for the execute-side image cache in <see cref="CacheRoot"/>/images.</summary>
    public IImageStore? ImageStore { get; init; }

    /// <summary>Gets the size cap in bytes of the image cache the launcher opens when <see cref="ImageStore"/> is null; 20 GiB by default.</summary>
    public long ImageCacheCapBytes { get; init; } = ImageCache.DefaultCapBytes;

    /// <summary>Gets how long the guest may take to print VMGRID:BOOTED; 60 seconds by default.</summary>
    public TimeSpan BootTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Gets whether to start from a saved booted guest even when the work unit does not ask for it (AfterBoot).</summary>
    public bool FromBootCheckpoint { get; init; }

    /// <summary>Gets whether to keep the VM directory (volumes, overlay) after the run, for debugging.</summary>
    public bool Keep { get; init; }

    /// <summary>Gets a fixed accelerator choice, or null to probe KVM directly (milliseconds; a too-slow verdict is kept for this boot under <see cref="CacheRoot"/>/accelerator).</summary>
    public AcceleratorChoice? Accelerator { get; init; }

    /// <summary>Gets a file the launcher writes atomically once the guest runs (booted, or restored booted), so a batch system can report the job as running only then (the GRAM vm adapter does); null (the default) for none.</summary>
    public string? RunningFile { get; init; }

    /// <summary>Gets the receiver of one-line progress reports (phase and elapsed time), or null.</summary>
    public Action<string>? Progress { get; init; }

    /// <summary>Gets the process runner that runs qemu-img; one that looks programs up in the system directories by default.</summary>
    public IProcessRunner Runner { get; init; } = ProcessRunner.Default;

    /// <summary>Gets the clock; the system clock by default.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
