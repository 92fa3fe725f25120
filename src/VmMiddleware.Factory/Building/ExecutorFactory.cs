using VmMiddleware.Factory.Configuration;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Processes;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Factory.Building;

/// <summary>Makes the executor that runs a build's actions: builder VMs (the reference guest under QEMU) as configured, or what a test supplies.</summary>
/// <param name="settings">The guest, cache and memory settings.</param>
/// <param name="custom">Replaces the VM executor (tests), or null.</param>
internal sealed class ExecutorFactory(ServiceSettings settings, Func<Action<string>, IActionExecutor>? custom = null)
{
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
            qemu = QemuInstallation.FromSystem();
            guest = GuestKernel.Load(settings.EffectiveGuestDirectory);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidOperationException($"builds need QEMU and the reference guest (guest-directory = {settings.EffectiveGuestDirectory}): {e.Message}", e);
        }

        return new VmActionExecutor(
            new VmExecutorOptions { Qemu = qemu, Guest = guest, CacheRoot = settings.EffectiveCacheDirectory, MemoryMiB = settings.BuilderMemoryMiB, Log = log },
            ProcessRunner.Instance);
    }
}
