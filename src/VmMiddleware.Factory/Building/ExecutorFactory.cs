using VmMiddleware.Factory.Configuration;
using VmMiddleware.Images.Building;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Factory.Building;

/// <summary>Makes the executor that runs a build's actions: builder VMs (the reference guest under QEMU) as configured, or what a test supplies.</summary>
/// <param name="settings">The guest, cache and memory settings.</param>
/// <param name="custom">Replaces the VM executor (tests), or null.</param>
internal sealed class ExecutorFactory(ServiceSettings settings, Func<Action<string>, IActionExecutor>? custom = null)
{
    /// <summary>The nice value builder VMs run at when chrt(1) is missing: below the service, so a request preempts a TCG builder instead of waiting behind it.</summary>
    internal const int BuilderNiceness = 10;

    /// <summary>Gets the process runner builds and image tools run through.</summary>
    public IProcessRunner Runner { get; } = new ProcessRunner(new ProcessRunnerOptions());

    /// <summary>Returns the qemu-img client of the QEMU installation found, or of qemu-img by name when there is none (a cache hit needs no QEMU); it runs under SCHED_IDLE like the builders, so commits, rebases and conversions never delay a request.</summary>
    public QemuImg QemuImg()
    {
        QemuImgOptions options;
        try
        {
            options = Builder(QemuLocator.Locate(new QemuLocatorOptions())).ImageToolOptions();
        }
        catch (QemuNotFoundException)
        {
            options = new QemuImgOptions("qemu-img") { IdleScheduling = true };
        }

        return new QemuImg(Runner, options);
    }

    /// <summary>Returns an executor whose builder VM messages go to <paramref name="log"/>.</summary>
    /// <exception cref="InvalidOperationException">QEMU or the reference guest is missing; the message says what to configure.</exception>
    public IActionExecutor Create(Action<string> log)
    {
        if (custom is not null)
        {
            return custom(log);
        }

        QemuInstallation qemu;
        GuestKernel guest;
        try
        {
            qemu = Builder(QemuLocator.Locate(new QemuLocatorOptions()));
            guest = GuestKernel.Load(settings.EffectiveGuestDirectory);
        }
        catch (Exception e) when (e is FileNotFoundException or QemuNotFoundException)
        {
            throw new InvalidOperationException($"builds need QEMU and the reference guest (guest-directory = {settings.EffectiveGuestDirectory}): {e.Message}", e);
        }

        return new VmActionExecutor(
            new VmExecutorOptions { Qemu = qemu, Guest = guest, CacheRoot = settings.EffectiveCacheDirectory, MemoryMiB = settings.BuilderMemoryMiB, Log = log },
            Runner);
    }

    // Builder VMs and their qemu-img run under SCHED_IDLE (nice 10 without chrt): on a gateway's few cores a request, or a client on
    // the same machine, preempts a TCG builder at once instead of sharing a core with it.
    private static QemuInstallation Builder(QemuInstallation qemu) => qemu with { IdleScheduling = true, Niceness = BuilderNiceness };
}
