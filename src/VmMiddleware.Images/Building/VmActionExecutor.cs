using System.Globalization;
using System.Runtime.Versioning;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;
using VmMiddleware.Qemu.Machines;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Images.Building;

/// <summary>The default executor: one builder VM per request (the reference guest under the launcher's <see cref="GuestMachine"/>), one qcow2 layer per action by external snapshots between actions. No root needed.</summary>
/// <remarks>
/// The first layer is a qcow2 overlay on the start state, attached as the guest's vmgrid-root disk; the seed goes in on the input disk and
/// Guest/builder-job.sh runs the actions with run-actions.sh. After each action but the last the guest freezes the file system and prints
/// VMGRID:LAYER N; the host switches the root disk to the next layer with QMP blockdev-snapshot-sync (growing it for a resize action) and
/// writes "GO N" to the vmgrid-control disk. With <see cref="ExecutionRequest.LayerCompleted"/> the host first makes the next layer itself,
/// naming the finished one by its state's file name, snapshots onto it, and has the finished layer committed before "GO N". Statuses come from the ACTION END markers, logs from the output disk. QEMU writes absolute
/// backing names into the layers it creates; they are rewritten to the relative names the store needs once QEMU has exited.
/// </remarks>
/// <param name="options">QEMU, the guest and the limits.</param>
/// <param name="runner">Runs qemu-img.</param>
[SupportedOSPlatform("linux")]
public sealed class VmActionExecutor(VmExecutorOptions options, IProcessRunner runner) : IActionExecutor
{
    private const string RootDisk = "root";
    private const long OutputBytes = 64L << 20;

    /// <summary>The line that separates the last action's own output from the builder VM's console in its state's build log.</summary>
    public const string ConsoleHeader = BuildFailedException.ConsoleHeader;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(options);
        if (request.Actions.Count == 0)
        {
            return [];
        }

        var qemuImg = new QemuImg(runner);
        var first = request.Actions[0];
        var size = Math.Max(request.StartVirtualSizeBytes, first.DiskSizeBytes);
        await qemuImg.CreateOverlayAsync(first.LayerPath, first.BackingFileName, size > request.StartVirtualSizeBytes ? size : null, cancellationToken).ConfigureAwait(false);
        var control = Path.Combine(request.WorkDirectory, "control.img");
        ControlDisk.Create(control);
        var run = new BuilderRun(request, progress, options.Time);
        run.Report(0);
        var machineOptions = new GuestMachineOptions
        {
            Qemu = options.Qemu,
            Guest = options.Guest,
            CacheRoot = options.CacheRoot,
            Accelerator = options.Accelerator,
            MemoryMiB = options.MemoryMiB,
            FromBootCheckpoint = options.FromBootCheckpoint,
            Progress = options.Log,
            WorkDirectory = request.WorkDirectory,
            JobScript = BuilderJobScript.Text(),
            Inputs = [new InputItem(Path.GetFullPath(request.SeedDirectory), "seed", InputKind.Directory)],
            OutputBytes = OutputBytes,
            Disks = [new GuestMachineDisk(RootDisk, first.LayerPath, "qcow2", "vmgrid-root"), new GuestMachineDisk("control", control, "raw", ControlDisk.Serial)],
        };
        var machine = await GuestMachine.StartAsync(machineOptions, cancellationToken).ConfigureAwait(false);
        await using (machine.ConfigureAwait(false))
        {
            options.Log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"builder VM started (pid {machine.Pid}, {machine.Accelerator}, {(machine.Restored ? "restored from a boot checkpoint" : "cold boot")}); console: {Path.Combine(request.WorkDirectory, "console.log")}"));
            var named = new HashSet<int>();
            var failure = await WatchAsync(machine, run, control, size, named, cancellationToken).ConfigureAwait(false);
            if (failure is not null)
            {
                throw new BuildFailedException($"the builder VM failed: {failure}\n{machine.ConsoleTail}");
            }

            var output = Path.Combine(request.WorkDirectory, "out");
            try
            {
                machine.ExtractOutput(output, OutputBytes);
            }
            catch (IOException e)
            {
                options.Log?.Invoke("action logs not read: " + e.Message);
            }

            var outcomes = run.Outcomes(output);
            var console = Path.Combine(request.WorkDirectory, "console.log");
            if (outcomes.Count > 0 && File.Exists(console))
            {
                // The builder VM's console goes with the last state it built (the work directory is deleted after the build).
                outcomes[^1] = outcomes[^1] with { Log = outcomes[^1].Log + ConsoleHeader + File.ReadAllText(console) };
            }

            foreach (var i in Enumerable.Range(1, Math.Max(0, outcomes.Count - 1)).Where(i => !named.Contains(request.Actions[i].Number)))
            {
                // QEMU named the backing file by its absolute path; the store's layers name their parent relatively.
                await qemuImg.RebaseUnsafeAsync(request.Actions[i].LayerPath, request.Actions[i].BackingFileName, cancellationToken).ConfigureAwait(false);
            }

            return outcomes;
        }
    }

    /// <summary>Follows the console until QEMU exits: snapshots between actions, enforces the silence limit; returns why the VM failed, or null.</summary>
    private async Task<string?> WatchAsync(GuestMachine machine, BuilderRun run, string control, long size, HashSet<int> named, CancellationToken cancellationToken)
    {
        string? agentError = null;
        var exited = false;
        while (true)
        {
            string line;
            using (var silence = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                silence.CancelAfter(options.SilenceTimeout);
                try
                {
                    if (!await machine.Console.WaitToReadAsync(silence.Token).ConfigureAwait(false))
                    {
                        break;
                    }
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return $"no console output for {options.SilenceTimeout.TotalSeconds:0} s (hung); QEMU killed";
                }

                if (!machine.Console.TryRead(out line!))
                {
                    continue;
                }
            }

            switch (BuilderMarker.TryParse(line))
            {
                case { Kind: BuilderMarkerKind.Booted }:
                    options.Log?.Invoke("builder VM booted");
                    break;
                case { Kind: BuilderMarkerKind.ActionStart, SeedName: { } name }:
                    run.Started(name);
                    break;
                case { Kind: BuilderMarkerKind.ActionEnd, SeedName: { } name } end:
                    run.Ended(name, end.Number);
                    break;
                case { Kind: BuilderMarkerKind.Layer } layer when layer.Number >= 1 && layer.Number < run.Request.Actions.Count:
                    var done = run.Request.Actions[layer.Number - 1];
                    var next = run.Request.Actions[layer.Number];
                    var commitNow = run.Request.LayerCompleted is not null && done.StateFileName is not null;
                    if (commitNow)
                    {
                        // The next layer names the finished one by its state's file name from the start, so the finished one can
                        // be committed (renamed) now, while QEMU reads it as a backing file, and no header is rewritten later.
                        await new QemuImg(runner).CreateOverlayUnopenedAsync(next.LayerPath, done.StateFileName!, size, cancellationToken).ConfigureAwait(false);
                        await machine.SnapshotDiskOntoAsync(RootDisk, next.LayerPath, cancellationToken).ConfigureAwait(false);
                        named.Add(next.Number);
                    }
                    else
                    {
                        await machine.SnapshotDiskAsync(RootDisk, next.LayerPath, cancellationToken).ConfigureAwait(false);
                    }

                    if (next.DiskSizeBytes > size)
                    {
                        size = next.DiskSizeBytes;
                        await machine.ResizeDiskAsync(RootDisk, size, cancellationToken).ConfigureAwait(false);
                    }

                    if (commitNow && run.Succeeded(done.SeedName))
                    {
                        await run.Request.LayerCompleted!(done.Number, cancellationToken).ConfigureAwait(false);
                    }

                    ControlDisk.Go(control, layer.Number);
                    break;
                case { Kind: BuilderMarkerKind.AgentError } error:
                    agentError ??= error.Text;
                    break;
                case { Kind: BuilderMarkerKind.Exit }:
                    exited = true;
                    break;
                default:
                    break;
            }
        }

        var code = await machine.Exited.ConfigureAwait(false);
        return agentError is not null ? "guest agent error: " + agentError
            : !exited ? string.Create(CultureInfo.InvariantCulture, $"QEMU ended (exit code {code}) before the builder job finished")
            : code != 0 ? string.Create(CultureInfo.InvariantCulture, $"QEMU exited with code {code}")
            : null;
    }
}
