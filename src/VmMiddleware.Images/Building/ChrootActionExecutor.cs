using VmMiddleware.Images.Processes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images.Building;

/// <summary>HOST-SIDE, ROOT ONLY: runs the actions with the same runner script the builder VM uses, in a chroot of the image loop-mounted on this host.</summary>
/// <remarks>
/// For development, CI and single-user hosts; production factories use the VM executor, which needs no root and isolates the actions.
/// The start state is flattened to a sparse raw file, attached with losetup and mounted; after each action the file system is frozen
/// (fsfreeze) and <c>qemu-img convert -B</c> writes only the clusters that differ from the previous layer, which makes the action's layer.
/// </remarks>
/// <param name="runner">Runs qemu-img, losetup, mount, fsfreeze, resize2fs and the runner script.</param>
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
        var raw = Path.Combine(request.WorkDirectory, "disk.raw");
        var root = Directory.CreateDirectory(Path.Combine(request.WorkDirectory, "root")).FullName;
        var output = Path.Combine(request.WorkDirectory, "out");
        await qemuImg.ConvertAsync(request.StartLayerPath, raw, "raw", "qcow2", cancellationToken: cancellationToken).ConfigureAwait(false);
        var loop = (await Run("losetup", ["--find", "--show", "--partscan", raw], cancellationToken).ConfigureAwait(false)).StandardOutput.Trim();
        var mounted = new List<string>();
        var outcomes = new List<ActionOutcome>();
        long written = 0;
        try
        {
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

            var size = request.StartVirtualSizeBytes;
            foreach (var action in request.Actions)
            {
                progress.Report(new BuildProgress("action", action.Number, request.Actions.Count, action.Node.Id, written));
                if (action.DiskSizeBytes > size)
                {
                    await qemuImg.ResizeAsync(raw, "raw", action.DiskSizeBytes, cancellationToken).ConfigureAwait(false);
                    await Run("losetup", ["--set-capacity", loop], cancellationToken).ConfigureAwait(false);
                    size = action.DiskSizeBytes;
                }

                var started = time.GetTimestamp();
                var run = await runner.RunAsync("env", ["VMGRID_ROOT_DEVICE=" + device, "sh", Path.Combine(request.SeedDirectory, "run-actions.sh"), Path.Combine(request.SeedDirectory, "actions"), root, output, action.SeedName], cancellationToken).ConfigureAwait(false);
                var logFile = Path.Combine(output, action.SeedName, "log");
                var log = File.Exists(logFile) ? await File.ReadAllTextAsync(logFile, cancellationToken).ConfigureAwait(false) : run.StandardOutput + run.StandardError;
                var status = int.TryParse(File.Exists(Path.Combine(output, action.SeedName, "status")) ? File.ReadAllText(Path.Combine(output, action.SeedName, "status")).Trim() : null, out var s) ? s : (run.ExitCode == 0 ? 255 : run.ExitCode);
                outcomes.Add(new ActionOutcome(action.Number, status, log, time.GetElapsedTime(started)));
                if (status != 0)
                {
                    break;
                }

                // A frozen file system is consistent on disk; the layer holds only what this action changed.
                await Run("fsfreeze", ["--freeze", root], cancellationToken).ConfigureAwait(false);
                try
                {
                    await qemuImg.ConvertAsync(raw, action.LayerPath, "qcow2", "raw", action.BackingFileName, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    await Run("fsfreeze", ["--unfreeze", root], CancellationToken.None).ConfigureAwait(false);
                }

                written += new FileInfo(action.LayerPath).Length;
                progress.Report(new BuildProgress("action", action.Number, request.Actions.Count, action.Node.Id, written));
            }

            return outcomes;
        }
        finally
        {
            mounted.Reverse();
            foreach (var target in mounted)
            {
                await runner.RunAsync("umount", [target], CancellationToken.None).ConfigureAwait(false);
            }

            await runner.RunAsync("losetup", ["--detach", loop], CancellationToken.None).ConfigureAwait(false);
            File.Delete(raw);
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
            sizes[partition] = long.Parse(await File.ReadAllTextAsync($"/sys/block/{name}/{partition}/size", cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }

        return "/dev/" + sizes.OrderByDescending(p => p.Value).First().Key;
    }

    private async Task<ProcessResult> Run(string program, IReadOnlyList<string> args, CancellationToken cancellationToken) =>
        (await runner.RunAsync(program, args, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
}
