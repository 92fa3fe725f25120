using VmMiddleware.Qemu.Disks;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>The disks of a bootable-disk work unit (HTCondor's vm_disk): the boot image and the further disks, each a qcow2 overlay over its leased image chain, on the device the job named.</summary>
public sealed partial class Launcher
{
    /// <summary>The bootable disk's overlay in the VM directory (and the checkpoint).</summary>
    internal const string BootOverlay = "boot.qcow2";

    /// <summary>Returns the overlay file name of further disk <paramref name="index"/> (0-based).</summary>
    internal static string AttachedOverlay(int index) => $"disk-{index + 1}.qcow2";

    /// <summary>Leases every disk's image chain and creates its overlay in <paramref name="vm"/>; the caller owns the returned images (boot image first).</summary>
    private async Task<(List<VmDisk> Disks, List<ResolvedImage> Images)> PrepareMachineDisksAsync(WorkUnit workUnit, string vm, CancellationToken cancellationToken)
    {
        var images = new List<ResolvedImage>();
        try
        {
            images.Add(await ResolveImageAsync(workUnit.Image, cancellationToken).ConfigureAwait(false));
            await CreateOverlayAsync(images[0], Path.Combine(vm, BootOverlay), cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < workUnit.Disks.Count; i++)
            {
                var disk = workUnit.Disks[i];
                images.Add(await ResolveImageAsync(new ImageSpec(ImageKind.BootableDisk, disk.Location, disk.Format), cancellationToken).ConfigureAwait(false));
                await CreateOverlayAsync(images[^1], Path.Combine(vm, AttachedOverlay(i)), cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            images.ForEach(i => i.Dispose());
            throw;
        }

        return (MachineDisks(workUnit), images);
    }

    /// <summary>The overlays as QEMU disks: the boot image boots (boot index 0, unless QEMU boots the job's kernel, whose loader takes that index); virtio disks come first and in device order, because Linux names them in PCI order.</summary>
    internal static List<VmDisk> MachineDisks(WorkUnit workUnit)
    {
        var image = workUnit.Image;
        var disks = new List<VmDisk>
        {
            new("boot", BootOverlay, "qcow2", "vmgrid-boot", BootIndex: workUnit.Kernel is null ? 0 : null, ReadOnly: image.ReadOnly, OverImage: true, Device: image.Device),
        };
        for (var i = 0; i < workUnit.Disks.Count; i++)
        {
            var disk = workUnit.Disks[i];
            var cdRom = DiskDevices.QemuBus(disk.Device) != "virtio" && disk.Location.Value.EndsWith(".iso", StringComparison.OrdinalIgnoreCase);
            disks.Add(new VmDisk($"disk{i + 1}", AttachedOverlay(i), "qcow2", "vmgrid-disk-" + (i + 1), ReadOnly: disk.ReadOnly || cdRom, Device: disk.Device, AttachedIndex: i, CdRom: cdRom));
        }

        // A boot image without a device is the first virtio disk.
        return [.. disks.OrderBy(d => d.Device is null ? 0 : DiskDevices.QemuBus(d.Device) == "virtio" ? 1 : 2)
            .ThenBy(d => d.Device is null ? -1 : DiskDevices.Index(d.Device))];
    }

    /// <summary>The job's mistakes in its disks that need no VM to find: a missing disk, kernel or initrd file, and two writable disks that would come back under one name.</summary>
    private static void CheckMachineFiles(WorkUnit workUnit)
    {
        foreach (var disk in workUnit.Disks.Where(d => d.Location.Kind == ImageLocationKind.HostPath))
        {
            try
            {
                ImageFileCheck.Check(disk.Location.Value, disk.Format);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or UnauthorizedAccessException)
            {
                throw new LaunchException(e.Message, e);
            }
        }

        foreach (var file in new[] { workUnit.Kernel?.Kernel, workUnit.Kernel?.Initrd }.OfType<string>())
        {
            if (!File.Exists(file))
            {
                throw new LaunchException($"The kernel file {file} does not exist.");
            }
        }

        if (DiskReturner.NameClash(workUnit) is { } clash)
        {
            throw new LaunchException(clash);
        }
    }
}
