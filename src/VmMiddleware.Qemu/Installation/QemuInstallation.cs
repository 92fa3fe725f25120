using System.Diagnostics;
using System.Globalization;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Processes;

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

    private static readonly Lazy<string?> Nice = new(() => ProgramSearch.Find("nice", ProgramSearch.SystemDirectories));

    /// <summary>Gets the nice value the emulator runs at: 0 runs it at this process's priority; 1-19 lower its CPU priority (through nice(1), which execs it, so its process id stays the emulator's).</summary>
    public int Niceness { get; init; }

    /// <summary>Gets whether the emulator and its qemu-img run under SCHED_IDLE (through chrt(1), which execs them: same process id, same parent-death guard), taking only cores no ordinary process wants; when chrt is missing, <see cref="Niceness"/> applies instead. False by default.</summary>
    public bool IdleScheduling { get; init; }

    /// <summary>Builds the start information that runs the emulator with the given arguments (loader, library path, module and firmware dirs applied).</summary>
    public ProcessStartInfo CreateStartInfo(IEnumerable<string> arguments)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var info = CreateEmulatorStartInfo();
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

    /// <summary>Returns how to run this installation's <c>qemu-img</c>: the bundle's copy next to the emulator (through its loader) when present, else <c>qemu-img</c> by name, which the process runner looks up in its search path; under SCHED_IDLE when the emulator is.</summary>
    public QemuImgOptions ImageToolOptions()
    {
        var sibling = Path.Combine(Path.GetDirectoryName(Binary) ?? ".", "qemu-img");
        return File.Exists(sibling)
            ? new QemuImgOptions(sibling) { Loader = Loader, LibraryPath = Loader is null ? null : LibraryPath, IdleScheduling = IdleScheduling }
            : new QemuImgOptions("qemu-img") { IdleScheduling = IdleScheduling };
    }

    private ProcessStartInfo CreateEmulatorStartInfo()
    {
        var info = new ProcessStartInfo { UseShellExecute = false };
        if (IdleScheduling && VmMiddleware.Host.Processes.IdleScheduling.Chrt is { } chrt)
        {
            info.FileName = chrt;
            info.ArgumentList.Add("--idle");
            info.ArgumentList.Add("0");
        }
        else if (Niceness > 0 && Nice.Value is { } nice)
        {
            info.FileName = nice;
            info.ArgumentList.Add("-n");
            info.ArgumentList.Add(Math.Min(Niceness, 19).ToString(CultureInfo.InvariantCulture));
        }

        // Only the bundle's own loader makes its libraries work on a host whose glibc differs.
        if (Loader is not null)
        {
            Program(info, Loader);
            if (LibraryPath is not null)
            {
                info.ArgumentList.Add("--library-path");
                info.ArgumentList.Add(LibraryPath);
            }

            info.ArgumentList.Add(Binary);
        }
        else
        {
            Program(info, Binary);
            if (LibraryPath is not null)
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

    // The program to run: the start information's file, or the first argument after nice's or chrt's options.
    private static void Program(ProcessStartInfo info, string program)
    {
        if (string.IsNullOrEmpty(info.FileName))
        {
            info.FileName = program;
        }
        else
        {
            info.ArgumentList.Add(program);
        }
    }
}
