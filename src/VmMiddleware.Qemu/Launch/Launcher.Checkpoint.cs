using System.Text.Json;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Monitor;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Checkpoint on eviction: pause, save the state with a migration to a file, keep the disks, write the manifest last.</summary>
public sealed partial class Launcher
{
    private static readonly TimeSpan CheckpointLimit = TimeSpan.FromMinutes(2);

    private async Task<LaunchResult> CheckpointAsync(VmSession session, WorkUnit workUnit, string work, string vm, PreparedVm prepared, TimeSpan prepareTime)
    {
        Report("evicted: checkpointing");
        var started = _time.GetUtcNow();
        var partial = Path.Combine(work, "checkpoint.partial");
        var final = Path.Combine(work, "checkpoint");
        var qmp = session.Qmp!;
        string reason;
        LaunchOutcome outcome;
        try
        {
            using var limit = new CancellationTokenSource(CheckpointLimit);
            await qmp.StopAsync(limit.Token).ConfigureAwait(false);
            var stateTemp = Path.Combine(vm, CheckpointManifest.StateFileName + ".tmp");
            await qmp.MigrateAsync("exec:cat > " + ShellQuoting.Quote(stateTemp), limit.Token).ConfigureAwait(false);
            var migration = await qmp.WaitForMigrationAsync(TimeSpan.FromMilliseconds(20), limit.Token).ConfigureAwait(false);
            await qmp.QuitAsync(limit.Token).ConfigureAwait(false);
            await session.Process.KillAndWaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);

            File.Move(stateTemp, Path.Combine(vm, CheckpointManifest.StateFileName), overwrite: true);
            File.Delete(Path.Combine(vm, "qmp.sock"));
            FlushToDisk(vm);
            DeleteDirectory(partial);
            DeleteDirectory(final);
            Directory.Move(vm, partial);
            var manifest = new CheckpointManifest
            {
                WorkUnitDigest = Digest(workUnit, work),
                GuestIdentity = _options.Guest?.Identity ?? string.Empty,
                QemuBinarySha256 = QemuBuildIdentity.Of(_options.Qemu, _options.CacheRoot),
                Configuration = prepared.Configuration,
                Started = prepared.AlreadyStarted || session.CommandStartedAt is not null,
                ElapsedSeconds = (prepared.ElapsedBefore + (_time.GetUtcNow() - _begin)).TotalSeconds,
                AcceleratorReason = prepared.Accelerator.Reason,
            };
            DurableFile.WriteAllText(Path.Combine(partial, CheckpointManifest.FileName), JsonSerializer.Serialize(manifest, LaunchJsonContext.Default.CheckpointManifest));
            Directory.Move(partial, final);
            outcome = LaunchOutcome.Checkpointed;
            reason = $"evicted: checkpoint saved in {final} ({migration.TransferredBytes / (1024 * 1024)} MiB of RAM); run again in this work directory to resume";
        }
        catch (Exception e) when (e is QmpException or IOException or OperationCanceledException or UnauthorizedAccessException)
        {
            await session.Process.KillAndWaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            DeleteDirectory(partial);
            outcome = LaunchOutcome.Killed;
            reason = "evicted, but the checkpoint failed (" + e.Message + "); QEMU killed";
        }

        return new LaunchResult
        {
            Outcome = outcome,
            Reason = reason,
            Accelerator = prepared.Accelerator.QemuName,
            AcceleratorReason = prepared.Accelerator.Reason,
            Timings = Timings(session, prepared, prepareTime, TimeSpan.Zero, _time.GetUtcNow() - started),
            ConsoleLog = Path.Combine(work, "console.log"),
            ConsoleTail = session.ConsoleTail,
            StartKind = prepared.StartKind,
            ImageId = prepared.Image?.CacheId,
            QemuPid = session.Process.Identity.Pid,
        };
    }

    /// <summary>The disks run with cache=unsafe, so QEMU never fsynced them: a checkpoint must survive a host crash before its manifest says it is complete.</summary>
    private static void FlushToDisk(string directory)
    {
        foreach (var file in Directory.EnumerateFiles(directory))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
        }
    }
}
