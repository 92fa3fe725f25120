using System.Globalization;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>
/// Builds QEMU's arguments from a <see cref="VmConfiguration"/>: no defaults, serial console on stdout, QMP on a UNIX socket,
/// virtio disks by serial. Every disk file is the job's own scratch file, so all use cache=unsafe (guest flushes are not
/// passed to the host disk; QEMU's writes still reach the page cache before the guest's sync returns, and checkpoints fsync
/// the files themselves). The overlay over the work unit's image gets its backing chain as explicit read-only -blockdev
/// nodes, so the headers' own backing names (which point wherever the layers were made) never matter.
/// </summary>
internal static class QemuCommandLine
{
    public static IReadOnlyList<string> Build(
        VmConfiguration configuration, string vmDirectory, GuestKernel? guest, string qmpSocket, string? incomingState, IReadOnlyList<ImageLayer>? imageChain = null,
        string? restoreKernel = null, int? incomingDescriptor = null, IReadOnlyList<IReadOnlyList<ImageLayer>>? attachedChains = null, KernelBoot? userKernel = null)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var args = new List<string>
        {
            "-machine", configuration.Machine,
            "-accel", configuration.Accelerator,
            "-m", configuration.MemoryMiB.ToString(CultureInfo.InvariantCulture),
            "-smp", configuration.Vcpus.ToString(CultureInfo.InvariantCulture),
            "-nodefaults", "-no-user-config", "-display", "none", "-no-reboot",
            "-serial", "stdio",
            "-qmp", "unix:" + Escape(qmpSocket) + ",server=on,wait=off",
        };
        if (configuration.Firmware is not null)
        {
            args.AddRange(["-bios", configuration.Firmware]);
        }

        if (configuration.UserKernel)
        {
            // HTCondor's xen_kernel = FILE: QEMU loads the job's own kernel (a bzImage, or an ELF vmlinux through PVH).
            var kernel = userKernel ?? throw new ArgumentException("This VM boots the work unit's own kernel, but none was given.", nameof(userKernel));
            args.AddRange(["-kernel", kernel.Kernel]);
            if (kernel.Initrd is { } initrd)
            {
                args.AddRange(["-initrd", initrd]);
            }

            if (configuration.KernelCommandLine is { Length: > 0 } commandLine)
            {
                args.AddRange(["-append", commandLine]);
            }
        }
        else if (configuration.BootsKernel)
        {
            if (guest is null)
            {
                throw new ArgumentException("This VM boots the reference guest's kernel, but no guest was given.", nameof(guest));
            }

            if (incomingState is not null && restoreKernel is not null)
            {
                // The incoming state replaces all of guest RAM: a stub instead of the real kernel saves loading 66 MB (PvhStubKernel).
                args.AddRange(["-kernel", restoreKernel]);
            }
            else
            {
                args.AddRange(["-kernel", guest.Kernel, "-initrd", guest.Initramfs, "-append", configuration.KernelCommandLine ?? guest.CommandLine]);
            }
        }
        else
        {
            // SeaBIOS retries a failed boot forever; with reboot-timeout=0 and -no-reboot QEMU exits instead.
            args.AddRange(["-boot", "reboot-timeout=0"]);
        }

        var devices = new QemuDiskDevices(args);
        foreach (var disk in configuration.Disks)
        {
            var file = Path.Combine(vmDirectory, disk.FileName);
            var drive = $"if=none,id={disk.Id},file={Escape(file)},format={disk.Format},cache=unsafe";
            if (disk.ReadOnly)
            {
                drive += ",readonly=on";
            }

            var chain = disk.OverImage ? imageChain
                : disk.AttachedIndex is { } attached && attachedChains is not null && attached < attachedChains.Count ? attachedChains[attached]
                : null;
            if (chain is { Count: > 0 })
            {
                drive += ",backing=" + AddChain(args, disk.Id, chain);
            }

            args.AddRange(["-drive", drive]);
            devices.Add(disk);
        }

        if (configuration.Network == NetworkPolicy.User)
        {
            args.AddRange(["-nic", "user,model=virtio-net-pci" + (configuration.MacAddress is { } mac ? ",mac=" + mac : string.Empty)]);
        }

        if (incomingState is not null)
        {
            // From an inherited descriptor QEMU reads the state file itself; exec:cat needs a shell, cat and a pipe.
            args.AddRange(["-incoming", incomingDescriptor is { } descriptor
                ? "fd:" + descriptor.ToString(CultureInfo.InvariantCulture)
                : "exec:cat " + ShellQuoting.Quote(incomingState)]);
        }

        return args;
    }

    /// <summary>Adds read-only -blockdev nodes for the chain, base first, each qcow2 layer naming the node below as its backing; returns the top node's name.</summary>
    private static string AddChain(List<string> args, string diskId, IReadOnlyList<ImageLayer> chain)
    {
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var node = $"{diskId}-layer{i}";
            args.AddRange(["-blockdev", $"driver=file,filename={Escape(chain[i].Path)},node-name={node}-file,read-only=on"]);
            var format = $"driver={chain[i].Format},file={node}-file,node-name={node},read-only=on";
            if (i < chain.Count - 1)
            {
                format += $",backing={diskId}-layer{i + 1}";
            }

            args.AddRange(["-blockdev", format]);
        }

        return $"{diskId}-layer0";
    }

    /// <summary>Escapes a value inside a QEMU option list, where ',' is written ',,'.</summary>
    public static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
