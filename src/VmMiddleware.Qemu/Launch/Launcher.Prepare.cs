using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.Qemu.Volumes;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Preparing the VM: resume an eviction checkpoint, start from a boot checkpoint, or build a cold one.</summary>
public sealed partial class Launcher
{
    private const long OutputHeadroom = 16 * InputVolumeBuilder.MiB;

    private async Task<PreparedVm> PrepareAsync(WorkUnit workUnit, string work, string vm, CancellationToken cancellationToken)
    {
        var checkpointDir = Path.Combine(work, "checkpoint");
        if (File.Exists(Path.Combine(checkpointDir, CheckpointManifest.FileName)))
        {
            return await ResumeAsync(workUnit, checkpointDir, vm, cancellationToken).ConfigureAwait(false);
        }

        Report("preparing");
        DeleteDirectory(vm);
        DeleteDirectory(Path.Combine(work, "out"));
        DeleteDirectory(Path.Combine(work, "checkpoint.partial"));
        Directory.CreateDirectory(vm);
        var accelerator = await ChooseAcceleratorAsync(cancellationToken).ConfigureAwait(false);
        if ((workUnit.Checkpoint.AfterBoot || _options.FromBootCheckpoint) && workUnit.Image.Kind == ImageKind.ReferenceGuest)
        {
            var guest = RequireGuest();
            var saved = await new BootCheckpoint(_options.Qemu, QemuImg(), guest, _options.CacheRoot, _time, Report, _lock is { } held ? held.RecordQemu : null)
                .EnsureAsync(accelerator, workUnit.Hardware.MemoryMiB, workUnit.Hardware.Vcpus, cancellationToken).ConfigureAwait(false);
            if (workUnit.Limits.MaxOutputBytes + OutputHeadroom <= saved.Manifest.OutputBytes)
            {
                var archive = InputVolumeBuilder.Build(workUnit.Inputs, Path.Combine(vm, "input.img"), saved.Manifest.InputBytes);
                WaitSeedWriter.Write(Path.Combine(vm, "seedwait.img"), JobScriptGenerator.Generate(workUnit, archive), saved.Manifest.SeedWaitBytes);
                CreateSparse(Path.Combine(vm, "output.img"), saved.Manifest.OutputBytes);
                return new PreparedVm(saved.Manifest.Configuration, accelerator, saved.StateFile, "boot-checkpoint", true, false, TimeSpan.Zero,
                    RestoreKernel: saved.RestoreKernel);
            }

            Report("the output limit exceeds the boot checkpoint's output disk; booting cold");
        }

        var disks = new List<VmDisk>();
        var bootsKernel = workUnit.Image.Kind == ImageKind.RootFilesystem || workUnit.Image.Kind == ImageKind.ReferenceGuest;
        ResolvedImage? image = null;
        List<ResolvedImage> attached = [];
        if (workUnit.Image.Kind == ImageKind.BootableDisk)
        {
            var (machineDisks, images) = await PrepareMachineDisksAsync(workUnit, vm, cancellationToken).ConfigureAwait(false);
            disks.AddRange(machineDisks);
            image = images[0];
            attached = images[1..];
        }
        else if (workUnit.Image.Kind == ImageKind.RootFilesystem)
        {
            image = await ResolveImageAsync(workUnit.Image, cancellationToken).ConfigureAwait(false);
            try
            {
                await CreateOverlayAsync(image, Path.Combine(vm, "root.qcow2"), cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                image.Dispose();
                throw;
            }

            disks.Add(new VmDisk("root", "root.qcow2", "qcow2", "vmgrid-root", OverImage: true));
        }

        if (bootsKernel)
        {
            RequireGuest();
        }

        var selfRunning = workUnit.Command is null;
        if (!selfRunning)
        {
            var inputBytes = InputVolumeBuilder.Build(workUnit.Inputs, Path.Combine(vm, "input.img"), null);
            SeedVolumeBuilder.Build(Path.Combine(vm, "seed.img"), JobScriptGenerator.Generate(workUnit, inputBytes), JobScriptGenerator.MetaData(workUnit));
            CreateSparse(Path.Combine(vm, "output.img"), RoundUp(workUnit.Limits.MaxOutputBytes + OutputHeadroom));
            disks.Add(new VmDisk("seed", "seed.img", "raw", SeedVolumeBuilder.Label, ReadOnly: true));
            disks.Add(new VmDisk("input", "input.img", "raw", "vmgrid-input", ReadOnly: true));
            disks.Add(new VmDisk("output", "output.img", "raw", "vmgrid-output"));
        }

        var configuration = new VmConfiguration
        {
            Accelerator = accelerator.QemuName,
            MemoryMiB = workUnit.Hardware.MemoryMiB,
            Vcpus = workUnit.Hardware.Vcpus,
            BootsKernel = bootsKernel,
            UserKernel = workUnit.Kernel is not null,
            KernelCommandLine = bootsKernel ? _options.Guest!.CommandLine : workUnit.Kernel?.CommandLine,
            Firmware = bootsKernel ? KernelFirmware.For(_options.Qemu) : null,
            Disks = disks,
            Network = workUnit.Network,
            MacAddress = workUnit.MacAddress,
            SelfRunning = selfRunning,
        };
        return new PreparedVm(configuration, accelerator, null, "cold", false, false, TimeSpan.Zero, image, AttachedImages: attached);
    }

    /// <summary>The user's mistakes that need no VM to find: a work directory that is a file, missing inputs, an image that is not what it claims.</summary>
    private static void CheckBeforeStart(WorkUnit workUnit, string work)
    {
        if (workUnit.Inconsistency() is { } problem)
        {
            throw new LaunchException($"The work unit {workUnit.Name} cannot run: {problem}.");
        }

        if (File.Exists(work))
        {
            throw new LaunchException($"The work directory {work} is a file, not a directory.");
        }

        try
        {
            Directory.CreateDirectory(work);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new LaunchException($"Cannot create the work directory {work}: {e.Message}", e);
        }

        if (File.Exists(Path.Combine(work, "checkpoint", CheckpointManifest.FileName)))
        {
            return; // a resume uses the disks in the checkpoint, not the inputs
        }

        foreach (var input in workUnit.Inputs)
        {
            var exists = input.Kind == InputKind.Directory ? Directory.Exists(input.Source) : File.Exists(input.Source);
            if (!exists)
            {
                throw new LaunchException($"The input {(input.Kind == InputKind.Directory ? "directory" : "file")} {input.Source} does not exist.");
            }
        }

        if (workUnit.Image.Location is { Kind: ImageLocationKind.HostPath } image)
        {
            try
            {
                ImageFileCheck.Check(image.Value, workUnit.Image.Format);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or UnauthorizedAccessException)
            {
                throw new LaunchException(e.Message, e);
            }
        }

        if (workUnit.Image.Kind == ImageKind.BootableDisk)
        {
            CheckMachineFiles(workUnit);
        }
    }

    private async Task<PreparedVm> ResumeAsync(WorkUnit workUnit, string checkpointDir, string vm, CancellationToken cancellationToken)
    {
        Report("resuming the eviction checkpoint");
        var manifestPath = Path.Combine(checkpointDir, CheckpointManifest.FileName);
        var manifest = JsonSerializer.Deserialize(File.ReadAllText(manifestPath), LaunchJsonContext.Default.CheckpointManifest)
            ?? throw new LaunchException($"The checkpoint manifest {manifestPath} is empty.");
        if (manifest.WorkUnitDigest != Digest(workUnit, Path.GetDirectoryName(checkpointDir)!))
        {
            throw new LaunchException($"The checkpoint in {checkpointDir} belongs to another work unit; remove it or use another work directory.");
        }

        if (manifest.QemuBinarySha256 != QemuBuildIdentity.Of(_options.Qemu, _options.CacheRoot))
        {
            throw new LaunchException($"The checkpoint in {checkpointDir} was saved by another QEMU build; it restores only on the same one.");
        }

        if (manifest.Configuration.BootsKernel && RequireGuest().Identity != manifest.GuestIdentity)
        {
            throw new LaunchException($"The checkpoint in {checkpointDir} was saved with guest {manifest.GuestIdentity}, not {RequireGuest().Identity}.");
        }

        // The checkpoint is consumed: a run that dies from here on starts cold next time, never from a state that no longer matches its disks.
        DeleteDirectory(vm);
        File.Delete(manifestPath);
        Directory.Move(checkpointDir, vm);
        // The overlay's backing chain is leased again and given to QEMU explicitly, wherever the cache holds it now.
        var image = manifest.Configuration.Disks.Any(d => d.OverImage) ? await ResolveImageAsync(workUnit.Image, cancellationToken).ConfigureAwait(false) : null;
        var attached = new List<ResolvedImage>();
        try
        {
            foreach (var disk in workUnit.Disks)
            {
                attached.Add(await ResolveImageAsync(new ImageSpec(ImageKind.BootableDisk, disk.Location, disk.Format), cancellationToken).ConfigureAwait(false));
            }
        }
        catch
        {
            image?.Dispose();
            attached.ForEach(a => a.Dispose());
            throw;
        }

        var accelerator = new AcceleratorChoice(
            manifest.Configuration.Accelerator == "kvm" ? Accelerator.Kvm : Accelerator.Tcg, manifest.AcceleratorReason ?? "as when checkpointed", true);
        return new PreparedVm(manifest.Configuration, accelerator, Path.Combine(vm, CheckpointManifest.StateFileName), "resumed", true, manifest.Started,
            TimeSpan.FromSeconds(manifest.ElapsedSeconds), image, AttachedImages: attached);
    }

    private async Task<AcceleratorChoice> ChooseAcceleratorAsync(CancellationToken cancellationToken)
    {
        if (_options.Accelerator is { } fixedChoice)
        {
            return fixedChoice;
        }

        var choice = await new AcceleratorProbe(_options.CacheRoot).ChooseAsync(cancellationToken).ConfigureAwait(false);
        Report($"accelerator {choice.QemuName}: {choice.Reason}");
        return choice;
    }

    private async Task<ResolvedImage> ResolveImageAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        try
        {
            var store = await ImageStoreAsync(cancellationToken).ConfigureAwait(false);
            return await store.ResolveAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or NotSupportedException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new LaunchException($"The image {image.Location}: {e.Message}", e);
        }
    }

    private async Task<IImageStore> ImageStoreAsync(CancellationToken cancellationToken)
    {
        if (_options.ImageStore is { } given)
        {
            return given;
        }

        var cache = await ImageCache.OpenAsync(ImageCache.RootUnder(_options.CacheRoot), _options.ImageCacheCapBytes, _time, QemuImg(), cancellationToken: cancellationToken).ConfigureAwait(false);
        return new CachedImageStore(cache, Report);
    }

    private async Task CreateOverlayAsync(ResolvedImage image, string overlay, CancellationToken cancellationToken)
    {
        // With the size given and -u, qemu-img does not open the backing file (whose own backing name may not resolve where
        // the cache keeps it); QEMU gets the chain explicitly. Formats whose size this reader cannot tell are opened.
        var top = image.Top;
        var header = ImageHeader.Read(top.Path);
        var size = top.Format == "raw" ? new FileInfo(top.Path).Length : top.Format == header.Format ? header.VirtualSize : null;
        await QemuImg().CreateOverlayAsync(overlay, top.Path, top.Format, size, openBacking: size is null, cancellationToken).ConfigureAwait(false);
    }

    private QemuImg QemuImg() => new(_options.Runner, _options.Qemu.ImageToolOptions());

    private GuestKernel RequireGuest() =>
        _options.Guest ?? throw new LaunchException("This work unit boots the reference guest's kernel, but no guest directory was given.");

    // Paths inside the work directory are written relative to it, so the job matches its checkpoint in another scratch directory.
    internal static string Digest(WorkUnit workUnit, string workDirectory) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(WorkUnitWriter.ToXml(workUnit, workDirectory))));

    private static void CreateSparse(string path, long size)
    {
        using var stream = new FileStream(path, FileMode.Create, FileAccess.Write);
        stream.SetLength(size);
    }

    private static long RoundUp(long bytes) => (bytes + InputVolumeBuilder.MiB - 1) / InputVolumeBuilder.MiB * InputVolumeBuilder.MiB;

    private static void DeleteDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }
    }
}
