using VmMiddleware.Host.DiskImages;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Qemu.Monitor;
using VmMiddleware.Qemu.Processes;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.Qemu.Volumes;

namespace VmMiddleware.Qemu.Machines;

public sealed partial class GuestMachine
{
    /// <summary>Builds the machine's disks in the work directory, starts QEMU (cold, or restoring a saved booted guest) and connects its monitor.</summary>
    /// <param name="options">The guest, job script, inputs and disks.</param>
    /// <param name="cancellationToken">Cancels the start; QEMU is killed.</param>
    /// <returns>The running machine.</returns>
    public static async Task<GuestMachine> StartAsync(GuestMachineOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var work = Path.GetFullPath(options.WorkDirectory);
        var accelerator = options.Accelerator ?? await new AcceleratorProbe(options.CacheRoot).ChooseAsync(cancellationToken).ConfigureAwait(false);
        var restore = options.FromBootCheckpoint ? await PrepareRestoreAsync(options, accelerator, work, cancellationToken).ConfigureAwait(false) : null;
        var prepared = restore ?? await PrepareColdAsync(options, accelerator, work, cancellationToken).ConfigureAwait(false);
        var socket = Path.Combine(work, "qmp.sock");
        if (socket.Length >= 100)
        {
            socket = Path.Combine(Path.GetTempPath(), $"vmgrid-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock");
        }

        var incoming = prepared.IncomingState is null ? null : InheritedReadFile.TryOpen(prepared.IncomingState);
        var arguments = QemuCommandLine.Build(
            prepared.Configuration, work, options.Guest, socket, prepared.IncomingState, restoreKernel: prepared.RestoreKernel, incomingDescriptor: incoming?.Descriptor);
        var machine = new GuestMachine(Path.Combine(work, "console.log"), Path.Combine(work, "output.img"), accelerator.QemuName, prepared.IncomingState is not null);
        try
        {
            using (incoming)
            {
                machine._process = QemuProcess.Start(options.Qemu.CreateStartInfo(arguments), machine.OnConsoleLine);
            }

            _ = machine._process.Exited.ContinueWith(_ => machine._console.Writer.TryComplete(), TaskScheduler.Default);
            var connect = QmpClient.ConnectAsync(socket, TimeSpan.FromSeconds(30), cancellationToken);
            if (await Task.WhenAny(connect, machine._process.Exited).ConfigureAwait(false) == connect)
            {
                machine._qmp = await connect.ConfigureAwait(false);
                if (prepared.IncomingState is not null)
                {
                    await machine._qmp.ResumeIncomingAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return machine;
        }
        catch
        {
            await machine.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static async Task<(VmConfiguration Configuration, string? IncomingState, string? RestoreKernel)> PrepareColdAsync(
        GuestMachineOptions options, AcceleratorChoice accelerator, string work, CancellationToken cancellationToken)
    {
        var inputBytes = InputVolumeBuilder.Build(options.Inputs, Path.Combine(work, "input.img"), null);
        SeedVolumeBuilder.Build(Path.Combine(work, "seed.img"), WithInputBytes(options.JobScript, inputBytes), "instance-id: vmgrid-machine\n");
        CreateSparse(Path.Combine(work, "output.img"), options.OutputBytes);
        var configuration = new VmConfiguration
        {
            Accelerator = accelerator.QemuName,
            MemoryMiB = options.MemoryMiB,
            Vcpus = options.Vcpus,
            BootsKernel = true,
            KernelCommandLine = options.Guest.CommandLine,
            Firmware = KernelFirmware.For(options.Qemu),
            Disks =
            [
                new("seed", "seed.img", "raw", SeedVolumeBuilder.Label),
                new("input", "input.img", "raw", "vmgrid-input"),
                new("output", "output.img", "raw", "vmgrid-output"),
                .. options.Disks.Select(d => new VmDisk(d.Id, Path.GetFullPath(d.Path), d.Format, d.Serial)),
            ],
        };
        return (configuration, null, null);
    }

    /// <summary>Prepares a start from the cached boot checkpoint for this device set (saving one first if needed); null when the inputs or outputs do not fit its disks.</summary>
    private static async Task<(VmConfiguration Configuration, string? IncomingState, string? RestoreKernel)?> PrepareRestoreAsync(
        GuestMachineOptions options, AcceleratorChoice accelerator, string work, CancellationToken cancellationToken)
    {
        var extra = new List<CheckpointDisk>();
        foreach (var disk in options.Disks)
        {
            extra.Add(new CheckpointDisk(disk.Id, disk.Format, disk.Serial, await VirtualSizeAsync(QemuImgOf(options), disk, cancellationToken).ConfigureAwait(false)));
        }

        var saved = await new BootCheckpoint(options.Qemu, QemuImgOf(options), options.Guest, options.CacheRoot, TimeProvider.System, options.Progress ?? (_ => { }))
            .EnsureAsync(accelerator, options.MemoryMiB, options.Vcpus, cancellationToken, extra).ConfigureAwait(false);
        if (options.OutputBytes > saved.Manifest.OutputBytes)
        {
            return null;
        }

        long inputBytes;
        try
        {
            inputBytes = InputVolumeBuilder.Build(options.Inputs, Path.Combine(work, "input.img"), saved.Manifest.InputBytes);
        }
        catch (IOException)
        {
            options.Progress?.Invoke("the inputs exceed the boot checkpoint's input disk; booting cold");
            return null;
        }

        WaitSeedWriter.Write(Path.Combine(work, "seedwait.img"), WithInputBytes(options.JobScript, inputBytes), saved.Manifest.SeedWaitBytes);
        CreateSparse(Path.Combine(work, "output.img"), saved.Manifest.OutputBytes);
        var paths = options.Disks.ToDictionary(d => d.Id, d => Path.GetFullPath(d.Path), StringComparer.Ordinal);
        var configuration = saved.Manifest.Configuration with
        {
            Disks = [.. saved.Manifest.Configuration.Disks.Select(d => paths.TryGetValue(d.Id, out var path) ? d with { FileName = path } : d)],
        };
        return (configuration, saved.StateFile, saved.RestoreKernel);
    }

    /// <summary>Sets VMGRID_INPUT_BYTES (the input tar's length: busybox tar reads its input to the end, and the disk may be far larger) after the script's first line.</summary>
    internal static string WithInputBytes(string script, long inputBytes)
    {
        var newline = script.IndexOf('\n', StringComparison.Ordinal);
        var line = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"VMGRID_INPUT_BYTES={inputBytes}; export VMGRID_INPUT_BYTES\n");
        return newline < 0 ? line + script : script[..(newline + 1)] + line + script[(newline + 1)..];
    }

    private static QemuImg QemuImgOf(GuestMachineOptions options) => new(options.Runner, options.Qemu.ImageToolOptions());

    private static async Task<long> VirtualSizeAsync(QemuImg qemuImg, GuestMachineDisk disk, CancellationToken cancellationToken)
    {
        if (disk.Format == "raw")
        {
            return new FileInfo(disk.Path).Length;
        }

        // A qcow2 header says it in-process; qemu-img info is a process start (~30 ms) on every build.
        if (disk.Format == "qcow2" && ImageHeader.Read(disk.Path) is { Format: "qcow2", VirtualSize: { } size })
        {
            return size;
        }

        return (await qemuImg.InfoAsync(disk.Path, cancellationToken).ConfigureAwait(false)).VirtualSizeBytes;
    }

    private static void CreateSparse(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(size);
    }
}
