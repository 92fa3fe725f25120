using System.Globalization;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Builds QEMU's arguments from a <see cref="VmConfiguration"/>: no defaults, serial console on stdout, QMP on a UNIX socket, virtio disks by serial.</summary>
internal static class QemuCommandLine
{
    public static IReadOnlyList<string> Build(VmConfiguration configuration, string vmDirectory, GuestKernel? guest, string qmpSocket, string? incomingState)
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
        if (configuration.BootsKernel)
        {
            if (guest is null)
            {
                throw new ArgumentException("This VM boots the reference guest's kernel, but no guest was given.", nameof(guest));
            }

            args.AddRange(["-kernel", guest.Kernel, "-initrd", guest.Initramfs, "-append", configuration.KernelCommandLine ?? guest.CommandLine]);
        }
        else
        {
            // SeaBIOS retries a failed boot forever; with reboot-timeout=0 and -no-reboot QEMU exits instead.
            args.AddRange(["-boot", "reboot-timeout=0"]);
        }

        foreach (var disk in configuration.Disks)
        {
            var file = Path.Combine(vmDirectory, disk.FileName);
            args.AddRange(["-drive", $"if=none,id={disk.Id},file={Escape(file)},format={disk.Format}"]);
            var device = $"virtio-blk-pci,drive={disk.Id},serial={Escape(disk.Serial)}";
            if (disk.BootIndex is { } index)
            {
                device += ",bootindex=" + index.ToString(CultureInfo.InvariantCulture);
            }

            args.AddRange(["-device", device]);
        }

        if (configuration.Network == NetworkPolicy.User)
        {
            args.AddRange(["-nic", "user,model=virtio-net-pci"]);
        }

        if (incomingState is not null)
        {
            args.AddRange(["-incoming", "exec:cat " + ShellQuoting.Quote(incomingState)]);
        }

        return args;
    }

    /// <summary>Escapes a value inside a QEMU option list, where ',' is written ',,'.</summary>
    public static string Escape(string value) => value.Replace(",", ",,", StringComparison.Ordinal);
}
