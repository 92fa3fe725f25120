using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>The image of a VM work unit: vm_disk and vm_type in the VM universe, vmgrid_image in the vanilla universe.</summary>
public static partial class VmUniverseMapper
{
    /// <summary>The vm_disk file field that names the built-in reference guest (a VmMiddleware extension).</summary>
    public const string ReferenceGuestDisk = "vmgrid:reference-guest";

    private static readonly Dictionary<string, ImageFormat> Formats = new(StringComparer.OrdinalIgnoreCase)
    {
        ["qcow2"] = ImageFormat.Qcow2,
        ["raw"] = ImageFormat.Raw,
        ["vmdk"] = ImageFormat.Vmdk,
        ["vdi"] = ImageFormat.Vdi,
        ["vhdx"] = ImageFormat.Vhdx,
        ["vpc"] = ImageFormat.Vpc,
    };

    private static ImageSpec VmImage(JobCommands commands, string directory)
    {
        var type = commands.Require("vm_type", "universe = vm needs vm_type; expected vm_type = kvm or vm_type = xen");
        switch (type.Value.Trim().ToLowerInvariant())
        {
            case "kvm":
                break;
            case "xen":
                var kernel = commands.Require("xen_kernel", "vm_type = xen needs xen_kernel = included (the kernel inside the disk)");
                if (!kernel.Value.Trim().Equals("included", StringComparison.OrdinalIgnoreCase))
                {
                    throw commands.Error(kernel, $"xen_kernel = {kernel.Value} is not supported; a VM work unit boots the disk's own kernel: expected xen_kernel = included");
                }

                break;
            case "vmware":
                throw commands.Error(type, "vm_type = vmware is not supported: VmMiddleware boots disks with QEMU, and HTCondor's vm universe supports only Xen and KVM; convert the VMDK with qemu-img convert -O qcow2 and use vm_type = kvm");
            default:
                throw commands.Error(type, $"vm_type = {type.Value} is not a VM type; expected kvm or xen");
        }

        var disk = commands.Require("vm_disk", "universe = vm needs vm_disk, the disk image to boot; expected vm_disk = FILE:DEVICE:PERMISSION[:FORMAT]");
        var disks = JobCommands.List(disk.Value);
        if (disks.Count != 1)
        {
            throw commands.Error(disk, $"vm_disk lists {disks.Count} disks; a VM work unit boots exactly one image: keep the boot disk and pass other data with transfer_input_files");
        }

        var fields = disks[0].Split(':');
        var count = fields.Length;
        ImageFormat? format = null;
        if (count >= 4 && Formats.TryGetValue(fields[^1], out var parsed))
        {
            format = parsed;
            count--;
        }

        if (count < 3 || fields[..(count - 2)].Any(f => f.Length == 0) || fields[count - 2].Length == 0)
        {
            throw commands.Error(disk, $"vm_disk = {disks[0]} is not FILE:DEVICE:PERMISSION[:FORMAT]; for example disk.qcow2:vda:w:qcow2");
        }

        var permission = fields[count - 1];
        if (permission is not ("r" or "w" or "rw"))
        {
            throw commands.Error(disk, $"vm_disk = {disks[0]}: permission '{permission}' is not r, w or rw");
        }

        var file = string.Join(':', fields[..(count - 2)]);
        if (file == ReferenceGuestDisk)
        {
            return format is null
                ? ImageSpec.ReferenceGuest
                : throw commands.Error(disk, $"vm_disk = {disks[0]}: the reference guest takes no format");
        }

        return Image(commands, disk, file, ImageKind.BootableDisk, format, directory);
    }

    private static ImageSpec VanillaImage(JobCommands commands, string directory)
    {
        var image = commands.Require("vmgrid_image", "vmgrid_image is empty");
        var value = image.Value.Trim();
        if (value is "reference-guest" or ReferenceGuestDisk)
        {
            return ImageSpec.ReferenceGuest;
        }

        var kindCommand = commands.Find("vmgrid_image_kind");
        var kind = kindCommand?.Value.Trim().ToLowerInvariant() switch
        {
            null or "disk" => ImageKind.BootableDisk,
            "rootfs" => ImageKind.RootFilesystem,
            _ => throw commands.Error(kindCommand, $"vmgrid_image_kind = {kindCommand.Value} is not an image kind; expected disk or rootfs"),
        };
        return Image(commands, image, value, kind, format: null, directory);
    }

    private static ImageSpec Image(JobCommands commands, SubmitCommand command, string file, ImageKind kind, ImageFormat? format, string directory)
    {
        try
        {
            var location = file.StartsWith("sha256:", StringComparison.Ordinal) ? ImageLocation.FromCacheReference(file)
                : file.StartsWith(ImageLocation.UrlScheme + "://", StringComparison.Ordinal) ? ImageLocation.FromUrl(file)
                : file.Contains("://", StringComparison.Ordinal) ? throw new ArgumentException($"the image '{file}' is a URL; expected a host path, sha256:DIGEST or vmimage://HOST/ID")
                : ImageLocation.FromHostPath(Path.GetFullPath(Path.Combine(directory, file)));
            return new ImageSpec(kind, location, format);
        }
        catch (ArgumentException e)
        {
            throw commands.Error(command, $"{command.Key} = {command.Value}: {e.Message}");
        }
    }
}
