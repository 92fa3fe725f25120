using System.Globalization;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images.Building;

/// <summary>HOST-SIDE, ROOT ONLY: runs the actions with the same runner script the builder VM uses, in a chroot of the image mounted on this host.</summary>
/// <remarks>
/// For development, CI and single-user hosts; production factories use the VM executor, which needs no root and isolates the actions.
/// Per action: a qcow2 overlay on the previous layer (exactly the layer the contract asks for), exported as a raw file through FUSE by
/// qemu-storage-daemon, attached with losetup and mounted; the runner script runs the action in a chroot; then everything is unmounted
/// and the daemon stopped, which closes the overlay. The overlay holds only what the action wrote.
/// </remarks>
/// <param name="runner">Runs qemu-img, qemu-storage-daemon, losetup, mount, kill and the runner script.</param>
/// <param name="time">Measures each action.</param>
public sealed class ChrootActionExecutor(IProcessRunner runner, TimeProvider time) : IActionExecutor
{
    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(progress);
        if (Environment.UserName != "root")
        {
            throw new NotSupportedException("the chroot executor needs root (losetup, mount, chroot); the VM executor does not");
        }

        var qemuImg = new QemuImg(runner);
        var output = Path.Combine(request.WorkDirectory, "out");
        var outcomes = new List<ActionOutcome>();
        var size = request.StartVirtualSizeBytes;
        long written = 0;
        foreach (var action in request.Actions)
        {
            progress.Report(new BuildProgress("action", action.Number, request.Actions.Count, action.Node.Id, written));
            var grow = action.DiskSizeBytes > size ? action.DiskSizeBytes : (long?)null;
            await qemuImg.CreateOverlayAsync(action.LayerPath, action.BackingFileName, grow, cancellationToken).ConfigureAwait(false);
            size = Math.Max(size, action.DiskSizeBytes);
            var started = time.GetTimestamp();
            var (status, log) = await RunMountedAsync(request, action, output, cancellationToken).ConfigureAwait(false);
            outcomes.Add(new ActionOutcome(action.Number, status, log, time.GetElapsedTime(started)));
            written += new FileInfo(action.LayerPath).Length;
            progress.Report(new BuildProgress("action", action.Number, request.Actions.Count, action.Node.Id, written));
            if (status != 0)
            {
                break;
            }
        }

        return outcomes;
    }

    private async Task<(int Status, string Log)> RunMountedAsync(ExecutionRequest request, ExecutionAction action, string output, CancellationToken cancellationToken)
    {
        var n = action.Number.ToString(CultureInfo.InvariantCulture);
        var export = Path.Combine(request.WorkDirectory, "disk-" + n);
        var pidFile = Path.Combine(request.WorkDirectory, "qsd-" + n + ".pid");
        var root = Directory.CreateDirectory(Path.Combine(request.WorkDirectory, "root-" + n)).FullName;
        await File.WriteAllBytesAsync(export, [], cancellationToken).ConfigureAwait(false);
        await Run("qemu-storage-daemon", [
            "--daemonize", "--pidfile", pidFile,
            "--blockdev", $"driver=file,node-name=file0,filename={Escape(action.LayerPath)}",
            "--blockdev", "driver=qcow2,node-name=disk0,file=file0",
            "--export", $"type=fuse,id=export0,node-name=disk0,mountpoint={Escape(export)},writable=on",
        ], cancellationToken).ConfigureAwait(false);
        string? loop = null;
        var mounted = new List<string>();
        try
        {
            loop = (await Run("losetup", ["--find", "--show", "--partscan", export], cancellationToken).ConfigureAwait(false)).StandardOutput.Trim();
            var device = await RootDeviceAsync(loop, cancellationToken).ConfigureAwait(false);
            await Run("mount", [device, root], cancellationToken).ConfigureAwait(false);
            mounted.Add(root);
            foreach (var fs in new[] { "proc", "sys", "dev" })
            {
                var target = Path.Combine(root, fs);
                Directory.CreateDirectory(target);
                await Run("mount", ["--bind", "/" + fs, target], cancellationToken).ConfigureAwait(false);
                mounted.Add(target);
            }

            var run = await runner.RunAsync("env", ["VMGRID_ROOT_DEVICE=" + device, "sh", Path.Combine(request.SeedDirectory, "run-actions.sh"), Path.Combine(request.SeedDirectory, "actions"), root, output, action.SeedName], cancellationToken).ConfigureAwait(false);
            var logFile = Path.Combine(output, action.SeedName, "log");
            var statusFile = Path.Combine(output, action.SeedName, "status");
            var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, cancellationToken).ConfigureAwait(false) : run.StandardOutput + run.StandardError;
            var status = File.Exists(statusFile) && int.TryParse((await File.ReadAllTextAsync(statusFile, cancellationToken).ConfigureAwait(false)).Trim(), out var s) ? s : Math.Max(run.ExitCode, 1);
            return (status, log);
        }
        finally
        {
            mounted.Reverse();
            foreach (var target in mounted)
            {
                await runner.RunAsync("umount", [target], CancellationToken.None).ConfigureAwait(false);
            }

            if (loop is not null)
            {
                await runner.RunAsync("losetup", ["--detach", loop], CancellationToken.None).ConfigureAwait(false);
            }

            await StopDaemonAsync(pidFile).ConfigureAwait(false);
            File.Delete(export);
        }
    }

    /// <summary>Stops qemu-storage-daemon with SIGTERM and waits until it has closed the overlay.</summary>
    private async Task StopDaemonAsync(string pidFile)
    {
        if (!File.Exists(pidFile))
        {
            return;
        }

        var pid = (await File.ReadAllTextAsync(pidFile).ConfigureAwait(false)).Trim();
        await runner.RunAsync("kill", ["-TERM", pid], CancellationToken.None).ConfigureAwait(false);
        for (var i = 0; i < 500 && Directory.Exists("/proc/" + pid); i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), time).ConfigureAwait(false);
        }
    }

    /// <summary>The loop device itself for a whole-disk file system, else its largest partition (cloud images).</summary>
    private static async Task<string> RootDeviceAsync(string loop, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(loop);
        var partitions = Directory.Exists("/sys/block/" + name)
            ? Directory.EnumerateDirectories("/sys/block/" + name, name + "p*").Select(Path.GetFileName).OfType<string>().ToList()
            : [];
        if (partitions.Count == 0)
        {
            return loop;
        }

        var sizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var partition in partitions)
        {
            sizes[partition] = long.Parse(await File.ReadAllTextAsync($"/sys/block/{name}/{partition}/size", cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        return "/dev/" + sizes.OrderByDescending(p => p.Value).First().Key;
    }

    private static string Escape(string path) => path.Replace(",", ",,", StringComparison.Ordinal);

    private async Task<ProcessResult> Run(string program, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        (await runner.RunAsync(program, args, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
}
