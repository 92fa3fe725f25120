using System.Globalization;
using VmMiddleware.Host.Durability;
using VmMiddleware.Qemu.Monitor;
using VmMiddleware.Qemu.Processes;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Runs one work unit in QEMU: prepares the volumes, boots (cold, from a boot checkpoint, or resuming an eviction checkpoint), watches the guest, collects the outputs, and never leaves QEMU behind.</summary>
public sealed partial class Launcher
{
    private readonly LaunchOptions _options;
    private readonly TimeProvider _time;
    private DateTimeOffset _begin;
    private WorkDirectoryLock? _lock;

    /// <summary>Initializes a launcher with its options.</summary>
    public Launcher(LaunchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _time = options.TimeProvider;
    }

    /// <summary>Runs <paramref name="workUnit"/>; <paramref name="eviction"/> asks for a checkpoint (SIGTERM), <paramref name="cancellation"/> kills the VM (SIGINT).</summary>
    public async Task<LaunchResult> RunAsync(WorkUnit workUnit, CancellationToken eviction, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var work = Path.GetFullPath(_options.WorkDirectory);
        CheckBeforeStart(workUnit, work);
        _begin = _time.GetUtcNow();
        WorkDirectoryLock workLock;
        try
        {
            workLock = WorkDirectoryLock.Acquire(work, Report);
        }
        catch (IOException e)
        {
            throw new LaunchException(e.Message, e);
        }

        using (workLock)
        {
            _lock = workLock;
            var vm = Path.Combine(work, "vm");
            try
            {
                var result = await RunLockedAsync(workUnit, work, vm, eviction, cancellation).ConfigureAwait(false);
                Report($"{result.Outcome}: {result.Reason}");
                return result;
            }
            finally
            {
                // Whatever happened (success, failure, or an exception), vm/ holds only this run's scratch disks.
                workLock.RecordQemu(null);
                _lock = null;
                if (!_options.Keep && Directory.Exists(vm))
                {
                    Directory.Delete(vm, recursive: true);
                }
            }
        }
    }

    private async Task<LaunchResult> RunLockedAsync(WorkUnit workUnit, string work, string vm, CancellationToken eviction, CancellationToken cancellation)
    {
        var workLock = _lock!;
        var prepared = await PrepareAsync(workUnit, work, vm, cancellation).ConfigureAwait(false);
        using var leasedImage = prepared.Image;
        using var leasedDisks = new LeaseSet(prepared.AttachedImages);
        var prepareTime = _time.GetUtcNow() - _begin;
        var qmpSocket = MonitorSocketPath(vm);
        var incoming = prepared.IncomingState is null ? null : InheritedReadFile.TryOpen(prepared.IncomingState);
        var arguments = QemuCommandLine.Build(
            prepared.Configuration, vm, _options.Guest, qmpSocket, prepared.IncomingState, prepared.Image?.Chain, prepared.RestoreKernel, incoming?.Descriptor,
            prepared.AttachedImages?.Select(i => i.Chain).ToList(), workUnit.Kernel);
        Report($"starting QEMU ({prepared.Accelerator.QemuName}, {prepared.StartKind})");
        LaunchResult result;
        VmSession session;
        using (incoming)
        {
            session = VmSession.Start(_options.Qemu, arguments, Path.Combine(work, "console.log"), _time, Report, WriteRunningFile);
        }

        await using (session.ConfigureAwait(false))
        {
            workLock.RecordQemu(session.Process.Identity);
            SessionEnd end;
            try
            {
                await session.ConnectMonitorAsync(qmpSocket, cancellation).ConfigureAwait(false);
                if (prepared.IncomingState is not null)
                {
                    await session.ResumeIncomingAsync(cancellation).ConfigureAwait(false);
                    Report("restored; guest running");
                }

                var policy = new WatchPolicy(
                    _begin + workUnit.Limits.WallTime - prepared.ElapsedBefore, _options.BootTimeout, workUnit.Limits.HeartbeatTimeout,
                    prepared.AlreadyBooted, prepared.AlreadyStarted, StopAtWaiting: false);
                end = prepared.Configuration.SelfRunning
                    ? await session.WatchSelfRunningAsync(policy, eviction, cancellation).ConfigureAwait(false)
                    : await session.WatchAsync(policy, eviction, cancellation).ConfigureAwait(false);
            }
            catch (QmpException e)
            {
                // A monitor that closes is usually QEMU exiting (bad kernel, bad state file): report the exit, not the socket.
                await Task.WhenAny(session.Process.Exited, Task.Delay(TimeSpan.FromSeconds(2), _time, CancellationToken.None)).ConfigureAwait(false);
                end = session.Process.Exited.IsCompleted
                    ? new SessionEnd(SessionEndKind.Exited, null, await session.Process.Exited.ConfigureAwait(false), "QEMU exited", prepared.AlreadyStarted)
                    : new SessionEnd(SessionEndKind.Exited, null, null, "QEMU monitor failed: " + e.Message, prepared.AlreadyStarted);
            }

            var checkpoint = end.Kind == SessionEndKind.Evicted && workUnit.Checkpoint.OnEviction && session.Qmp is not null;
            result = checkpoint
                ? await CheckpointAsync(session, workUnit, work, vm, prepared, prepareTime).ConfigureAwait(false)
                : await FinishAsync(session, end, workUnit, work, vm, prepared, prepareTime).ConfigureAwait(false);
        }

        return result;
    }

    private async Task<LaunchResult> FinishAsync(
        VmSession session, SessionEnd end, WorkUnit workUnit, string work, string vm, PreparedVm prepared, TimeSpan prepareTime)
    {
        await session.Process.KillAndWaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        var booted = prepared.AlreadyBooted || session.BootedAt is not null;
        var stderr = VmSession.FirstLine(session.Process.StderrTail);
        var (outcome, exitCode, reason) = prepared.Configuration.SelfRunning ? SelfRunningOutcome(end, session, booted, stderr) : end.Kind switch
        {
            SessionEndKind.Done => (LaunchOutcome.Succeeded, end.ExitCode, "done"),
            SessionEndKind.AgentError => (LaunchOutcome.GuestFailed, (int?)null, end.Message),
            SessionEndKind.TimedOut => (LaunchOutcome.TimedOut, null, $"{end.Message} ({workUnit.Limits.WallTime}); QEMU killed"),
            SessionEndKind.Hung => (LaunchOutcome.Hung, null, $"the guest hung: {end.Message}; QEMU killed"),
            SessionEndKind.NeverBooted => (LaunchOutcome.NeverBooted, null, $"the guest never booted: {end.Message}; QEMU killed"),
            SessionEndKind.Evicted => (LaunchOutcome.Killed, null, "evicted (SIGTERM) with checkpointing off for this work unit; QEMU killed"),
            SessionEndKind.Cancelled => (LaunchOutcome.Killed, null, "cancelled; QEMU killed"),
            _ when end.QemuExitCode is null or >= 128 => (LaunchOutcome.QemuCrashed, null,
                $"QEMU {(end.QemuExitCode is { } c ? $"died with signal {c - 128}" : "failed")} before the guest finished: {(end.Message.StartsWith("QEMU monitor", StringComparison.Ordinal) ? end.Message : stderr)}"),
            _ when !booted => (LaunchOutcome.NeverBooted, null, $"QEMU exited with code {end.QemuExitCode} before the guest booted: {stderr}"),
            _ when end.QemuExitCode == 0 => (LaunchOutcome.GuestFailed, null, "the guest powered off or rebooted before the job finished (kernel panic?)"),
            _ => (LaunchOutcome.QemuCrashed, null, $"QEMU exited with code {end.QemuExitCode} before the guest finished: {stderr}"),
        };

        var collectStart = _time.GetUtcNow();
        string? outputDirectory = null;
        IReadOnlyList<string> missing = [];
        if (outcome == LaunchOutcome.Succeeded && !prepared.Configuration.SelfRunning)
        {
            Report("collecting outputs");
            (outcome, exitCode, reason, outputDirectory, missing) = Collect(workUnit, work, vm, end.ExitCode);
        }

        if (prepared.Configuration.SelfRunning)
        {
            outputDirectory = KeepConsole(work);
        }

        // The guest shut down on its own (it powered off, or the agent finished): its disks are consistent and come back changed.
        var shutDownCleanly = end.Kind == SessionEndKind.Done || (prepared.Configuration.SelfRunning && outcome == LaunchOutcome.Succeeded);
        var (returned, returnProblem) = await ReturnDisksAsync(workUnit, work, vm, prepared, shutDownCleanly).ConfigureAwait(false);
        if (returnProblem is not null && outcome == LaunchOutcome.Succeeded)
        {
            (outcome, exitCode, reason) = (LaunchOutcome.GuestFailed, null, returnProblem);
        }

        var now = _time.GetUtcNow();
        return new LaunchResult
        {
            Outcome = outcome,
            ExitCode = exitCode,
            Reason = reason,
            Accelerator = prepared.Accelerator.QemuName,
            AcceleratorReason = prepared.Accelerator.Reason,
            Timings = Timings(session, prepared, prepareTime, outputDirectory is null ? TimeSpan.Zero : now - collectStart, TimeSpan.Zero),
            OutputDirectory = outputDirectory,
            ConsoleLog = Path.Combine(work, "console.log"),
            ConsoleTail = session.ConsoleTail,
            MissingOutputs = missing,
            StartKind = prepared.StartKind,
            ImageId = prepared.Image?.CacheId,
            QemuPid = session.Process.Identity.Pid,
            ReturnedDisks = returned,
        };
    }

    /// <summary>A guest without a command has no output volume: out/ brings its console log back instead.</summary>
    private static string KeepConsole(string work)
    {
        var output = Path.Combine(work, "out");
        Directory.CreateDirectory(output);
        var console = Path.Combine(work, "console.log");
        if (File.Exists(console))
        {
            File.Copy(console, Path.Combine(output, "console.log"), overwrite: true);
        }

        return output;
    }

    private static (LaunchOutcome, int?, string, string?, IReadOnlyList<string>) Collect(WorkUnit workUnit, string work, string vm, int? markerExitCode)
    {
        var output = Path.Combine(work, "out");
        // Refused entries are skipped, not written; what passed (stdout and stderr too) is kept in out/.
        var extraction = Volumes.OutputVolumeReader.ExtractSafe(Path.Combine(vm, "output.img"), output, workUnit.Limits.MaxOutputBytes, workUnit.Limits.MaxOutputBytes);

        var exitFile = Path.Combine(output, ".vmgrid", "exit_code");
        var exitCode = markerExitCode;
        if (File.Exists(exitFile) && int.TryParse(File.ReadAllText(exitFile).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var fromFile))
        {
            exitCode = fromFile;
        }

        if (Directory.Exists(Path.Combine(output, ".vmgrid")))
        {
            Directory.Delete(Path.Combine(output, ".vmgrid"), recursive: true);
        }

        var missing = OutputPresence.Missing(workUnit.Outputs, output);
        if (extraction.Refused.Count > 0)
        {
            var more = extraction.Refused.Count > 1 ? $" (and {extraction.Refused.Count - 1} more refused)" : string.Empty;
            return (LaunchOutcome.OutputRefused, exitCode, $"{extraction.Refused[0].Message}{more}; kept the {extraction.Files} files that passed in {output}", output, missing);
        }

        return exitCode switch
        {
            0 => (LaunchOutcome.Succeeded, 0, "the command exited 0", output, missing),
            { } code => (LaunchOutcome.GuestFailed, code, $"the command exited {code}", output, missing),
            null => (LaunchOutcome.GuestFailed, null, "the guest finished without reporting an exit code", output, missing),
        };
    }

    private LaunchTimings Timings(VmSession session, PreparedVm prepared, TimeSpan prepare, TimeSpan collect, TimeSpan checkpoint)
    {
        var end = _time.GetUtcNow();
        // A resumed command prints no VMGRID:START again: this launch's part of its run began when the guest was restored.
        var runFrom = session.CommandStartedAt ?? (prepared.AlreadyStarted ? session.StartedQemuAt : null);
        return new LaunchTimings
        {
            Prepare = prepare,
            Boot = session.CommandStartedAt is { } s ? s - session.StartedQemuAt : TimeSpan.Zero,
            Run = runFrom is { } a && session.DoneAt is { } b ? b - a : TimeSpan.Zero,
            Shutdown = session.DoneAt is { } d && session.ExitedAt is { } x ? x - d : TimeSpan.Zero,
            Collect = collect,
            Checkpoint = checkpoint,
            ToStart = session.CommandStartedAt is { } t ? t - _begin : TimeSpan.Zero,
            Total = end - _begin,
        };
    }

    private static string MonitorSocketPath(string vm)
    {
        var inVm = Path.Combine(vm, "qmp.sock");
        // sun_path holds 107 bytes; deep work directories get a socket in the temporary directory instead.
        return inVm.Length < 100 ? inVm : Path.Combine(Path.GetTempPath(), $"vmgrid-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock");
    }

    /// <summary>Tells a batch system that waits for it (<see cref="LaunchOptions.RunningFile"/>) that the guest runs; a file that cannot be written only costs the report.</summary>
    private void WriteRunningFile()
    {
        if (_options.RunningFile is not { } path)
        {
            return;
        }

        try
        {
            DurableFile.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $"running {_time.GetUtcNow():O}\n"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Report($"cannot write the running file {path}: {e.Message}");
        }
    }

    private void Report(string message)
    {
        var elapsed = (_time.GetUtcNow() - _begin).TotalSeconds;
        _options.Progress?.Invoke(string.Create(CultureInfo.InvariantCulture, $"[{elapsed,6:0.00}s] {message}"));
    }
}
