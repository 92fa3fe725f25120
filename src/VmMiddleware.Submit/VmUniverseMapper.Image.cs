using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>The machine of a VM work unit: vm_disk, vm_type and the xen_ commands in the VM universe, vmgrid_image in the vanilla universe.</summary>
public static partial class VmUniverseMapper
{
    /// <summary>The vm_disk file field that names the built-in reference guest (a VmMiddleware extension).</summary>
    public const string ReferenceGuestDisk = "vmgrid:reference-guest";

    /// <summary>The job attribute (+VmMiddlewareReturnDisks = "delta") that asks for the modified disks as qcow2 deltas instead of whole; it stays a job attribute, so a schedd transform sees it too.</summary>
    public const string ReturnDisksAttribute = "VmMiddlewareReturnDisks";

    private static readonly string[] XenCommands = ["xen_kernel", "xen_initrd", "xen_root", "xen_kernel_params"];

    private static VmMachine VmImage(JobCommands commands, string directory)
    {
        var type = commands.Require("vm_type", "universe = vm needs vm_type; expected vm_type = kvm or vm_type = xen");
        var isXen = type.Value.Trim().ToLowerInvariant() switch
        {
            "kvm" => false,
            "xen" => true,
            "vmware" => throw commands.Error(type, "vm_type = vmware is not supported: HTCondor 25 no longer supports it (\"A vm_type of 'vmware' is no longer supported\"); convert the VMDK with qemu-img convert -O qcow2 and use vm_type = kvm"),
            _ => throw commands.Error(type, $"vm_type = {type.Value} is not a VM type; expected kvm or xen"),
        };
        if (!isXen && XenCommands.Select(commands.Find).OfType<SubmitCommand>().FirstOrDefault() is { } stray)
        {
            throw commands.Error(stray, $"{stray.Key} applies to vm_type = xen only (HTCondor ignores it for kvm); remove it, or use vm_type = xen");
        }

        var disk = commands.Require("vm_disk", "universe = vm needs vm_disk, the disk image to boot; expected vm_disk = FILE:DEVICE:PERMISSION[:FORMAT]");
        IReadOnlyList<VmDiskEntry> entries;
        try
        {
            entries = VmDiskEntry.ParseList(disk.Value);
        }
        catch (FormatException e)
        {
            throw commands.Error(disk, e.Message);
        }

        var files = new HashSet<string>(StringComparer.Ordinal);
        if (entries[0].File == ReferenceGuestDisk)
        {
            if (entries.Count > 1 || entries[0].Format is not null)
            {
                throw commands.Error(disk, $"vm_disk = {disk.Value}: the reference guest ({ReferenceGuestDisk}) is a disk of its own; expected it alone and without a format");
            }

            return isXen ? throw commands.Error(type, $"vm_type = xen boots a kernel or a disk of the job's own; the reference guest ({ReferenceGuestDisk}) needs vm_type = kvm")
                : new VmMachine(ImageSpec.ReferenceGuest, [], null, files);
        }

        var first = entries[0];
        var image = Image(commands, disk, first.File, ImageKind.BootableDisk, first.Format, directory, first.Device, first.ReadOnly);
        var disks = new List<AttachedDisk>();
        foreach (var entry in entries.Skip(1))
        {
            if (entry.File == ReferenceGuestDisk)
            {
                throw commands.Error(disk, $"vm_disk = {disk.Value}: the reference guest ({ReferenceGuestDisk}) is a disk of its own; expected it alone");
            }

            var location = Image(commands, disk, entry.File, ImageKind.BootableDisk, entry.Format, directory, entry.Device, entry.ReadOnly).Location!;
            disks.Add(new AttachedDisk(location, entry.Device, entry.ReadOnly, entry.Format));
        }

        foreach (var location in disks.Select(d => d.Location).Prepend(image.Location!).Where(l => l.Kind == ImageLocationKind.HostPath))
        {
            files.Add(location.Value);
        }

        var kernel = isXen ? XenKernel(commands, directory) : null;
        if (kernel is not null)
        {
            files.Add(kernel.Kernel);
            if (kernel.Initrd is { } initrd)
            {
                files.Add(initrd);
            }
        }

        return new VmMachine(image, disks, kernel, files);
    }

    /// <summary>xen_kernel = included | vmx boots the disk (HVM, as with kvm); xen_kernel = FILE boots FILE directly with xen_initrd, xen_root (required) and xen_kernel_params, as condor_submit's SetVMParams reads them.</summary>
    private static KernelBoot? XenKernel(JobCommands commands, string directory)
    {
        var kernel = commands.Require("xen_kernel", "vm_type = xen needs xen_kernel: included (the disk's own kernel), vmx, or the kernel file to boot");
        var initrd = commands.Find("xen_initrd");
        var value = kernel.Value.Trim();
        if (value.Equals("included", StringComparison.OrdinalIgnoreCase) || value.Equals("vmx", StringComparison.OrdinalIgnoreCase))
        {
            return initrd is null
                ? null
                : throw commands.Error(initrd, "to use xen_initrd, xen_kernel should be a real kernel file (as condor_submit says), not included or vmx");
        }

        var root = commands.Require("xen_root", "xen_kernel names a kernel file, so xen_root (the root device, such as /dev/xvda1) is required, as in condor_submit");
        var parameters = commands.Find("xen_kernel_params")?.Value.Trim().Trim('"', '\'');
        try
        {
            return new KernelBoot
            {
                Kernel = HostFile(value, directory),
                Initrd = initrd is null ? null : HostFile(initrd.Value.Trim(), directory),
                Root = GuestRoot(root.Value.Trim()),
                Parameters = string.IsNullOrWhiteSpace(parameters) ? null : parameters,
            };
        }
        catch (ArgumentException e)
        {
            throw commands.Error(e.ParamName == nameof(KernelBoot.Initrd) ? initrd : e.ParamName == nameof(KernelBoot.Root) ? root : kernel, e.Message);
        }
    }

    // Xen's paravirtual disks (xvdX) are given to the guest as virtio disks, which Linux names vdX.
    private static string GuestRoot(string root) =>
        root.StartsWith("/dev/xvd", StringComparison.Ordinal) ? "/dev/vd" + root["/dev/xvd".Length..] : root;

    private static string HostFile(string file, string directory) =>
        file.Contains("://", StringComparison.Ordinal)
            ? throw new ArgumentException($"'{file}' is a URL; a kernel or initrd is a host file")
            : Path.GetFullPath(Path.Combine(directory, file));

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
        return Image(commands, image, value, kind, format: null, directory, device: null, readOnly: false);
    }

    private static ImageSpec Image(JobCommands commands, SubmitCommand command, string file, ImageKind kind, ImageFormat? format, string directory, string? device, bool readOnly)
    {
        try
        {
            var location = file.StartsWith("sha256:", StringComparison.Ordinal) ? ImageLocation.FromCacheReference(file)
                : file.StartsWith(ImageLocation.UrlScheme + "://", StringComparison.Ordinal) ? ImageLocation.FromUrl(file)
                : file.Contains("://", StringComparison.Ordinal) ? throw new ArgumentException($"the image '{file}' is a URL; expected a host path, sha256:DIGEST or vmimage://HOST/ID")
                : ImageLocation.FromHostPath(Path.GetFullPath(Path.Combine(directory, file)));
            return new ImageSpec(kind, location, format, device: device, readOnly: readOnly);
        }
        catch (ArgumentException e)
        {
            throw commands.Error(command, $"{command.Key} = {command.Value}: {e.Message}");
        }
    }
}
