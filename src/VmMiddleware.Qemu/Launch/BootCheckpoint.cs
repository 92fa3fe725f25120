using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Processes;
using VmMiddleware.Qemu.Volumes;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Launch;

/// <summary>
/// A booted reference guest saved while it waits for work (kernel command line vmgrid.wait=1), cached under
/// cache-root/boot-checkpoints/KEY where KEY covers the guest build, the QEMU build, machine type, accelerator, memory, vCPUs
/// and the placeholder disks. Later work units restore it with their job on the seedwait disk and same-size input/output disks.
/// </summary>
internal sealed class BootCheckpoint(
    QemuInstallation qemu, GuestKernel guest, string cacheRoot, TimeProvider time, Action<string> progress, Action<ProcessIdentity?>? onQemu = null)
{
    public const long SeedWaitBytes = 4 * InputVolumeBuilder.MiB;
    public const long InputBytes = 1024 * InputVolumeBuilder.MiB;
    public const long OutputBytes = 1024 * InputVolumeBuilder.MiB;
    // 2: the seedwait and input disks are read-only (a virtio feature bit the saved guest driver negotiated) and cache=unsafe.
    private const int GeometryVersion = 2;
    private const string RestoreKernelName = "restore-kernel.elf";

    /// <summary>Returns the cached boot checkpoint for this hardware, creating it first when there is none.</summary>
    /// <param name="accelerator">The accelerator the state is saved under.</param>
    /// <param name="memoryMiB">The guest memory.</param>
    /// <param name="vcpus">The number of virtual CPUs.</param>
    /// <param name="cancellationToken">Cancels the boot that saves a new checkpoint.</param>
    /// <param name="extraDisks">Disks beyond seedwait, input and output (for example a root volume); part of the key.</param>
    public async Task<SavedBoot> EnsureAsync(AcceleratorChoice accelerator, int memoryMiB, int vcpus, CancellationToken cancellationToken, IReadOnlyList<CheckpointDisk>? extraDisks = null)
    {
        extraDisks ??= [];
        var configuration = Configuration(accelerator, memoryMiB, vcpus, extraDisks);
        var key = Key(configuration, extraDisks);
        var directory = Path.Combine(cacheRoot, "boot-checkpoints", key);
        var manifestPath = Path.Combine(directory, BootCheckpointManifest.FileName);
        if (File.Exists(manifestPath))
        {
            var cached = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), LaunchJsonContext.Default.BootCheckpointManifest)!;
            return new SavedBoot(cached, Path.Combine(directory, BootCheckpointManifest.StateFileName), false, RestoreKernelIn(directory));
        }

        progress("no boot checkpoint for this guest and hardware yet: booting once to save one");
        Directory.CreateDirectory(Path.GetDirectoryName(directory)!);
        BootCheckpointTemporaries.RemoveAbandoned(Path.GetDirectoryName(directory)!, time, progress);
        var temp = BootCheckpointTemporaries.NameFor(directory);
        Directory.CreateDirectory(temp);
        try
        {
            var manifest = await SaveAsync(configuration, key, temp, extraDisks, cancellationToken).ConfigureAwait(false);
            try
            {
                Directory.Move(temp, directory);
            }
            catch (IOException) when (File.Exists(manifestPath))
            {
                // Another launcher saved the same checkpoint first: use theirs.
                Directory.Delete(temp, recursive: true);
                manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), LaunchJsonContext.Default.BootCheckpointManifest)!;
            }

            return new SavedBoot(manifest, Path.Combine(directory, BootCheckpointManifest.StateFileName), true, RestoreKernelIn(directory));
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    private async Task<BootCheckpointManifest> SaveAsync(VmConfiguration configuration, string key, string temp, IReadOnlyList<CheckpointDisk> extraDisks, CancellationToken cancellationToken)
    {
        CreateSparse(Path.Combine(temp, "seedwait.img"), SeedWaitBytes);
        CreateSparse(Path.Combine(temp, "input.img"), InputBytes);
        CreateSparse(Path.Combine(temp, "output.img"), OutputBytes);
        foreach (var disk in extraDisks)
        {
            var placeholder = Path.Combine(temp, disk.PlaceholderName);
            if (disk.Format == "raw")
            {
                CreateSparse(placeholder, disk.SizeBytes);
            }
            else
            {
                await ToolRunner.RunAsync(
                    qemu.CreateToolStartInfo("qemu-img", ["create", "-q", "-f", disk.Format, placeholder, disk.SizeBytes.ToString(CultureInfo.InvariantCulture)]), cancellationToken).ConfigureAwait(false);
            }
        }

        var socket = Path.Combine(Path.GetTempPath(), $"vmgrid-boot-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}.sock");
        var arguments = QemuCommandLine.Build(configuration, temp, guest, socket, null);
        var began = time.GetUtcNow();
        var session = VmSession.Start(qemu, arguments, Path.Combine(temp, "console.log"), time, progress);
        onQemu?.Invoke(session.Process.Identity);
        await using (session.ConfigureAwait(false))
        {
            await session.ConnectMonitorAsync(socket, cancellationToken).ConfigureAwait(false);
            var policy = new WatchPolicy(began + TimeSpan.FromMinutes(3), TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60), false, false, StopAtWaiting: true);
            var end = await session.WatchAsync(policy, CancellationToken.None, cancellationToken).ConfigureAwait(false);
            if (end.Kind == SessionEndKind.Cancelled)
            {
                throw new OperationCanceledException("cancelled while saving a boot checkpoint", cancellationToken);
            }

            if (end.Kind != SessionEndKind.Waiting || session.Qmp is null)
            {
                throw new LaunchException($"saving a boot checkpoint failed: the guest did not reach VMGRID:WAITING ({end.Message}): {session.ConsoleTail}");
            }

            var saveStart = time.GetUtcNow();
            await session.Qmp.StopAsync(cancellationToken).ConfigureAwait(false);
            var stateTemp = Path.Combine(temp, "state.tmp");
            await session.Qmp.MigrateAsync("exec:cat > " + ShellQuoting.Quote(stateTemp), cancellationToken).ConfigureAwait(false);
            await session.Qmp.WaitForMigrationAsync(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
            await session.Qmp.QuitAsync(cancellationToken).ConfigureAwait(false);
            await session.Process.KillAndWaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            onQemu?.Invoke(null);
            File.Move(stateTemp, Path.Combine(temp, BootCheckpointManifest.StateFileName));
            PvhStubKernel.Write(Path.Combine(temp, RestoreKernelName));
            var saveSeconds = (time.GetUtcNow() - saveStart).TotalSeconds;
            progress(string.Create(CultureInfo.InvariantCulture, $"boot checkpoint saved in {saveSeconds:0.00} s (booted in {(saveStart - began).TotalSeconds:0.00} s)"));
            foreach (var placeholder in configuration.Disks.Select(d => d.FileName))
            {
                File.Delete(Path.Combine(temp, placeholder));
            }

            var manifest = new BootCheckpointManifest
            {
                Key = key,
                Configuration = configuration,
                SeedWaitBytes = SeedWaitBytes,
                InputBytes = InputBytes,
                OutputBytes = OutputBytes,
                SaveSeconds = saveSeconds,
            };
            DurableFile.WriteAllText(Path.Combine(temp, BootCheckpointManifest.FileName), JsonSerializer.Serialize(manifest, LaunchJsonContext.Default.BootCheckpointManifest));
            return manifest;
        }
    }

    private VmConfiguration Configuration(AcceleratorChoice accelerator, int memoryMiB, int vcpus, IReadOnlyList<CheckpointDisk> extraDisks) => new()
    {
        Accelerator = accelerator.QemuName,
        MemoryMiB = memoryMiB,
        Vcpus = vcpus,
        BootsKernel = true,
        KernelCommandLine = guest.WaitCommandLine,
        Firmware = KernelFirmware.For(qemu),
        Disks =
        [
            new VmDisk("seedwait", "seedwait.img", "raw", "vmgrid-seedwait", ReadOnly: true),
            new VmDisk("input", "input.img", "raw", "vmgrid-input", ReadOnly: true),
            new VmDisk("output", "output.img", "raw", "vmgrid-output"),
            .. extraDisks.Select(d => new VmDisk(d.Id, d.PlaceholderName, d.Format, d.Serial)),
        ],
    };

    private string Key(VmConfiguration configuration, IReadOnlyList<CheckpointDisk> extraDisks)
    {
        var text = string.Join('\n', guest.Identity, QemuBuildIdentity.Of(qemu, cacheRoot), configuration.Machine, configuration.Accelerator,
            configuration.MemoryMiB, configuration.Vcpus, configuration.KernelCommandLine, SeedWaitBytes, InputBytes, OutputBytes, GeometryVersion);
        if (configuration.Firmware is not null)
        {
            text += "\nfirmware " + configuration.Firmware;
        }

        // Without extra disks the key is what it always was, so existing checkpoints stay valid.
        foreach (var disk in extraDisks)
        {
            text += string.Create(CultureInfo.InvariantCulture, $"\n{disk.Id} {disk.Format} {disk.Serial} {disk.SizeBytes}");
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }

    private static string? RestoreKernelIn(string directory) =>
        File.Exists(Path.Combine(directory, RestoreKernelName)) ? Path.Combine(directory, RestoreKernelName) : null;

    private static void CreateSparse(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(size);
    }
}
