using VmMiddleware.Qemu.Disks;
using VmMiddleware.Host.Processes;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>How a guest that does its own work (HTCondor's vm universe) ended, and its disks coming back.</summary>
public sealed partial class Launcher
{
    /// <summary>Maps the end of a self-running guest to an outcome: powering off is success (exit 0), as HTCondor's vm universe completes a job when the VM shuts down.</summary>
    private static (LaunchOutcome Outcome, int? ExitCode, string Reason) SelfRunningOutcome(SessionEnd end, VmSession session, bool booted, string stderr) => end.Kind switch
    {
        SessionEndKind.TimedOut => (LaunchOutcome.TimedOut, null, $"{end.Message}; QEMU killed"),
        SessionEndKind.NeverBooted => (LaunchOutcome.NeverBooted, null, $"the guest never booted: {end.Message}; QEMU killed"),
        SessionEndKind.Evicted => (LaunchOutcome.Killed, null, "evicted (SIGTERM) with checkpointing off for this work unit; QEMU killed"),
        SessionEndKind.Cancelled => (LaunchOutcome.Killed, null, "cancelled; QEMU killed"),
        _ when end.QemuExitCode is null or >= 128 => (LaunchOutcome.QemuCrashed, null,
            $"QEMU {(end.QemuExitCode is { } c ? $"died with signal {c - 128}" : "failed")} while the guest ran: {(end.Message.StartsWith("QEMU monitor", StringComparison.Ordinal) ? end.Message : stderr)}"),
        _ when end.QemuExitCode != 0 => (LaunchOutcome.QemuCrashed, null, $"QEMU exited with code {end.QemuExitCode}: {stderr}"),
        _ when !booted => (LaunchOutcome.NeverBooted, null,
            $"the guest never booted: QEMU ended ({session.ShutdownReason ?? "no reason given"}) before any console output or disk activity; the firmware found nothing to boot, or the kernel failed at once"),
        _ => session.ShutdownReason switch
        {
            "guest-reset" => (LaunchOutcome.GuestFailed, null, "the guest rebooted instead of powering off (the VM runs with -no-reboot: a VM-universe job ends when its guest powers off)"),
            "guest-panic" => (LaunchOutcome.GuestFailed, null, "the guest kernel panicked"),
            _ => (LaunchOutcome.Succeeded, 0, "the guest powered off"),
        },
    };

    /// <summary>Brings the writable disks back (changed when the guest shut down on its own); a failure is reported, not thrown.</summary>
    private async Task<(IReadOnlyList<string> Returned, string? Problem)> ReturnDisksAsync(WorkUnit workUnit, string work, string vm, PreparedVm prepared, bool changed)
    {
        if (workUnit.ReturnDisks == DiskReturn.None || prepared.Image is null || workUnit.Image.Kind != ImageKind.BootableDisk)
        {
            return ([], null);
        }

        var overlays = new List<string> { Path.Combine(vm, BootOverlay) };
        overlays.AddRange(workUnit.Disks.Select((_, i) => Path.Combine(vm, AttachedOverlay(i))));
        var chains = new List<IReadOnlyList<Storage.ImageLayer>> { prepared.Image.Chain };
        chains.AddRange((prepared.AttachedImages ?? []).Select(i => i.Chain));
        try
        {
            Report(changed ? $"returning the modified disks ({workUnit.ReturnDisks.ToString().ToLowerInvariant()})" : "returning the disks unchanged (the guest did not shut down on its own)");
            var returned = await DiskReturner.ReturnAsync(workUnit, work, overlays, chains, changed, QemuImg(), CancellationToken.None).ConfigureAwait(false);
            foreach (var path in returned)
            {
                Report("returned " + Path.GetFileName(path));
            }

            return (returned, null);
        }
        catch (Exception e) when (e is ProcessFailedException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return ([], "the guest finished, but its disks could not be returned: " + e.Message);
        }
    }
}
