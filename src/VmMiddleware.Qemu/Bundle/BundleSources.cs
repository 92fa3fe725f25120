namespace VmMiddleware.Qemu.Bundle;

/// <summary>Where the pieces of a bundle come from on the building host.</summary>
/// <param name="QemuSystem">The <c>qemu-system-x86_64</c> binary.</param>
/// <param name="QemuImg">The <c>qemu-img</c> binary.</param>
/// <param name="ModuleDir">The directory holding QEMU's loadable modules (Debian: <c>/usr/lib/x86_64-linux-gnu/qemu</c>).</param>
/// <param name="FirmwareDirs">The firmware search path, as <c>qemu-system-x86_64 -L help</c> prints it.</param>
public sealed record BundleSources(string QemuSystem, string QemuImg, string ModuleDir, IReadOnlyList<string> FirmwareDirs)
{
    /// <summary>Gets the firmware a PC guest cannot boot without: SeaBIOS, the PVH and linuxboot option ROMs, and the vAPIC ROM.</summary>
    public static IReadOnlyList<string> RequiredFirmware { get; } = ["bios-256k.bin", "pvh.bin", "linuxboot_dma.bin", "kvmvapic.bin"];

    /// <summary>Gets firmware bundled when the host has it: older boot ROMs, microvm's BIOS and qboot (the firmware for direct kernel boots), the default VGA BIOS and virtio-net's boot ROM.</summary>
    public static IReadOnlyList<string> OptionalFirmware { get; } =
        ["linuxboot.bin", "multiboot.bin", "multiboot_dma.bin", "bios-microvm.bin", "qboot.rom", "vgabios-stdvga.bin", "efi-virtio.rom"];

    /// <summary>Gets the modules bundled: Debian builds TCG as a module, without which QEMU stops with "could not load module for type 'tcg-accel-ops'".</summary>
    public static IReadOnlyList<string> Modules { get; } = ["accel-tcg-x86_64.so"];

    private static readonly string[] ModuleDirCandidates = ["lib/x86_64-linux-gnu/qemu", "lib64/qemu", "lib/qemu"];

    /// <summary>Finds the local installation: binaries on PATH (or as given), QEMU's own firmware search path and the module directory beside its libraries.</summary>
    public static BundleSources Discover(string? qemuSystem = null, string? qemuImg = null, string? moduleDir = null)
    {
        if (qemuSystem is not null && !File.Exists(qemuSystem))
        {
            throw new FileNotFoundException($"{qemuSystem}: no such qemu-system-x86_64", qemuSystem);
        }

        if (qemuImg is not null && !File.Exists(qemuImg))
        {
            throw new FileNotFoundException($"{qemuImg}: no such qemu-img", qemuImg);
        }

        var system = Resolve(qemuSystem ?? FindOnPath("qemu-system-x86_64"));
        var img = Resolve(qemuImg ?? Path.Combine(Path.GetDirectoryName(system)!, "qemu-img"));
        if (!File.Exists(img))
        {
            img = Resolve(FindOnPath("qemu-img"));
        }

        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(system)!)!;
        var modules = moduleDir
            ?? ModuleDirCandidates.Select(d => Path.Combine(prefix, d)).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"no QEMU module directory under {prefix}/lib*; pass --module-dir");
        var firmware = ToolOutput.Run(system, "-L", "help")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(Path.GetFullPath)
            .Where(Directory.Exists)
            .ToList();
        return new BundleSources(system, img, modules, firmware);
    }

    /// <summary>Finds a firmware file on the search path, following symbolic links to the real file.</summary>
    internal string? FindFirmware(string name)
    {
        foreach (var dir in FirmwareDirs)
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return Resolve(candidate);
            }
        }

        return null;
    }

    internal static string Resolve(string path)
    {
        var info = new FileInfo(path);
        return info.LinkTarget is null ? info.FullName : info.ResolveLinkTarget(returnFinalTarget: true)!.FullName;
    }

    private static string FindOnPath(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"{name} is not on PATH; install QEMU (Debian: qemu-system-x86, qemu-utils) or pass its path", name);
    }
}
