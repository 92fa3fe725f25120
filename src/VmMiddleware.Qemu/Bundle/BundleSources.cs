using VmMiddleware.Host.Processes;

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

    /// <summary>Finds the local installation: binaries in <paramref name="searchPath"/> (or as given), QEMU's own firmware search path and the module directory beside its libraries.</summary>
    /// <param name="runner">Runs <c>qemu-system-x86_64 -L help</c>.</param>
    /// <param name="searchPath">The directories to look for the binaries in (the edge passes PATH).</param>
    /// <param name="qemuSystem">The qemu-system-x86_64 to pack, or null to look for it.</param>
    /// <param name="qemuImg">The qemu-img to pack, or null for the one beside qemu-system-x86_64, else in the search path.</param>
    /// <param name="moduleDir">QEMU's module directory, or null to look for it beside its libraries.</param>
    /// <param name="cancellationToken">Cancels the discovery.</param>
    public static async Task<BundleSources> DiscoverAsync(
        IProcessRunner runner, IReadOnlyList<string> searchPath, string? qemuSystem = null, string? qemuImg = null, string? moduleDir = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(runner);
        ArgumentNullException.ThrowIfNull(searchPath);
        if (qemuSystem is not null && !File.Exists(qemuSystem))
        {
            throw new FileNotFoundException($"{qemuSystem}: no such qemu-system-x86_64", qemuSystem);
        }

        if (qemuImg is not null && !File.Exists(qemuImg))
        {
            throw new FileNotFoundException($"{qemuImg}: no such qemu-img", qemuImg);
        }

        var system = Resolve(qemuSystem ?? Find("qemu-system-x86_64", searchPath));
        var img = Resolve(qemuImg ?? Path.Combine(Path.GetDirectoryName(system)!, "qemu-img"));
        if (!File.Exists(img))
        {
            img = Resolve(Find("qemu-img", searchPath));
        }

        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(system)!)!;
        var modules = moduleDir
            ?? ModuleDirCandidates.Select(d => Path.Combine(prefix, d)).FirstOrDefault(Directory.Exists)
            ?? throw new DirectoryNotFoundException($"no QEMU module directory under {prefix}/lib*; pass --module-dir");
        var firmware = (await OutputOfAsync(runner, system, ["-L", "help"], cancellationToken).ConfigureAwait(false))
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

    /// <summary>Runs a host tool (ldd, qemu --version) in the C locale and returns what it printed; a failure is an <see cref="IOException"/>.</summary>
    internal static async Task<string> OutputOfAsync(IProcessRunner runner, string program, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runner.RunToolAsync(program, arguments, cancellationToken).ConfigureAwait(false);
            return result.EnsureSuccess().StandardOutput;
        }
        catch (ProcessFailedException e)
        {
            throw new IOException(e.Message, e);
        }
    }

    private static string Find(string name, IReadOnlyList<string> searchPath) =>
        ProgramSearch.Find(name, searchPath)
            ?? throw new FileNotFoundException($"{name} is not on PATH; install QEMU (Debian: qemu-system-x86, qemu-utils) or pass its path", name);
}
