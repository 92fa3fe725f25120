using System.Diagnostics;

namespace VmMiddleware.Qemu.Installation;

/// <summary>Where a QEMU build lives: the system's installation or a relocatable bundle run through its own dynamic loader.</summary>
/// <param name="Binary">The absolute path of qemu-system-x86_64.</param>
/// <param name="Loader">The dynamic loader (ld-linux) the binary is run through, or null to exec it directly.</param>
/// <param name="LibraryPath">The directory of the bundled shared libraries, or null.</param>
/// <param name="ModuleDir">The directory of QEMU's loadable modules (QEMU_MODULE_DIR), or null for the built-in default.</param>
/// <param name="FirmwareDir">The firmware directory passed with -L, or null for the built-in default.</param>
public sealed record QemuInstallation(string Binary, string? Loader, string? LibraryPath, string? ModuleDir, string? FirmwareDir)
{
    /// <summary>The name of the emulator binary.</summary>
    public const string EmulatorName = "qemu-system-x86_64";

    /// <summary>Finds the system's qemu-system-x86_64: $VMMIDDLEWARE_QEMU if set, else the first one on PATH.</summary>
    public static QemuInstallation FromSystem()
    {
        var explicitBinary = Environment.GetEnvironmentVariable("VMMIDDLEWARE_QEMU");
        if (!string.IsNullOrEmpty(explicitBinary))
        {
            return File.Exists(explicitBinary)
                ? new QemuInstallation(Path.GetFullPath(explicitBinary), null, null, null, null)
                : throw new FileNotFoundException($"VMMIDDLEWARE_QEMU names {explicitBinary}, which does not exist.", explicitBinary);
        }

        return FindOnPath(EmulatorName) is { } found
            ? new QemuInstallation(found, null, null, null, null)
            : throw new FileNotFoundException($"{EmulatorName} is not installed (not on PATH); install qemu-system-x86 or use a QEMU bundle.", EmulatorName);
    }

    /// <summary>Builds the start information that runs the emulator with the given arguments (loader, library path, module and firmware dirs applied).</summary>
    public ProcessStartInfo CreateStartInfo(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = CreateToolStartInfo(Binary);
        if (FirmwareDir is not null)
        {
            info.ArgumentList.Add("-L");
            info.ArgumentList.Add(FirmwareDir);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>Gets whether the firmware file <paramref name="name"/> is on this QEMU's search path: the bundle's firmware directory, else the installation's share/qemu.</summary>
    public bool HasFirmware(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (FirmwareDir is not null)
        {
            return File.Exists(Path.Combine(FirmwareDir, name));
        }

        var prefix = Path.GetDirectoryName(Path.GetDirectoryName(Binary)) ?? "/usr";
        return File.Exists(Path.Combine(prefix, "share", "qemu", name)) || File.Exists(Path.Combine("/usr/share/qemu", name));
    }

    /// <summary>Builds the start information for a companion tool such as qemu-img: the bundle's copy next to the binary when present, else the one on PATH.</summary>
    public ProcessStartInfo CreateToolStartInfo(string toolName, IEnumerable<string> arguments)
    {
        ArgumentException.ThrowIfNullOrEmpty(toolName);
        ArgumentNullException.ThrowIfNull(arguments);
        var sibling = Path.Combine(Path.GetDirectoryName(Binary) ?? ".", toolName);
        var program = File.Exists(sibling) ? sibling
            : FindOnPath(toolName) ?? throw new FileNotFoundException($"{toolName} is not installed (not next to {Binary} and not on PATH).", toolName);
        var info = CreateToolStartInfo(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    internal static string? FindOnPath(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        foreach (var dir in path.Split(':', StringSplitOptions.RemoveEmptyEntries).Append("/usr/bin").Append("/usr/sbin").Append("/sbin"))
        {
            var candidate = Path.Combine(dir, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private ProcessStartInfo CreateToolStartInfo(string program)
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        // Only the bundle's own loader makes its libraries work on a host whose glibc differs.
        if (Loader is not null && program.StartsWith(Path.GetDirectoryName(Binary) ?? "/", StringComparison.Ordinal))
        {
            info.FileName = Loader;
            if (LibraryPath is not null)
            {
                info.ArgumentList.Add("--library-path");
                info.ArgumentList.Add(LibraryPath);
            }

            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
            if (LibraryPath is not null && program == Binary)
            {
                info.Environment["LD_LIBRARY_PATH"] = LibraryPath;
            }
        }

        if (ModuleDir is not null)
        {
            info.Environment["QEMU_MODULE_DIR"] = ModuleDir;
        }

        return info;
    }
}
