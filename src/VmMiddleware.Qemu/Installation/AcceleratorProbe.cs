using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Installation;

/// <summary>Chooses KVM or TCG by really booting the guest kernel under KVM with a time limit; the answer is cached per host and QEMU build.</summary>
public sealed class AcceleratorProbe
{
    /// <summary>The environment variable that forces an accelerator (kvm or tcg) without probing.</summary>
    public const string OverrideVariable = "VMMIDDLEWARE_ACCEL";

    private readonly QemuInstallation _qemu;
    private readonly string _cacheRoot;
    private readonly Func<CancellationToken, Task<(bool Works, string Reason)>> _tryKvm;
    private readonly string _kvmDevice;

    /// <summary>Initializes a probe that boots <paramref name="guest"/> under KVM and caches its verdict under <paramref name="cacheRoot"/>.</summary>
    public AcceleratorProbe(QemuInstallation qemu, GuestKernel guest, string cacheRoot)
        : this(qemu, cacheRoot, "/dev/kvm", ct => TryKvmBootAsync(qemu, guest, TimeSpan.FromSeconds(15), ct))
    {
    }

    internal AcceleratorProbe(QemuInstallation qemu, string cacheRoot, string kvmDevice, Func<CancellationToken, Task<(bool Works, string Reason)>> tryKvm)
    {
        ArgumentNullException.ThrowIfNull(qemu);
        ArgumentException.ThrowIfNullOrEmpty(cacheRoot);
        _qemu = qemu;
        _cacheRoot = cacheRoot;
        _kvmDevice = kvmDevice;
        _tryKvm = tryKvm;
    }

    /// <summary>Returns the accelerator to use: the override variable, else the cached verdict, else a fresh probe (whose verdict is cached).</summary>
    public async Task<AcceleratorChoice> ChooseAsync(CancellationToken cancellationToken)
    {
        var forced = Environment.GetEnvironmentVariable(OverrideVariable);
        if (!string.IsNullOrEmpty(forced))
        {
            return forced.ToLowerInvariant() switch
            {
                "kvm" => new AcceleratorChoice(Accelerator.Kvm, $"{OverrideVariable}=kvm", false),
                "tcg" => new AcceleratorChoice(Accelerator.Tcg, $"{OverrideVariable}=tcg", false),
                _ => throw new ArgumentException($"{OverrideVariable} is '{forced}'; expected kvm or tcg."),
            };
        }

        var cacheFile = Path.Combine(_cacheRoot, "accelerator", CacheKey() + ".txt");
        if (ReadCache(cacheFile) is { } cached)
        {
            return cached;
        }

        var choice = await ProbeAsync(cancellationToken).ConfigureAwait(false);
        WriteCache(cacheFile, choice);
        return choice;
    }

    internal static async Task<(bool Works, string Reason)> TryKvmBootAsync(QemuInstallation qemu, GuestKernel guest, TimeSpan limit, CancellationToken cancellationToken)
    {
        // No disks: the agent boots, prints BOOTED, finds no seed and powers off. BOOTED is the proof.
        var info = qemu.CreateStartInfo(
        [
            "-machine", "pc-i440fx-7.2", "-accel", "kvm", "-m", "128", "-smp", "1",
            "-nodefaults", "-no-user-config", "-nographic", "-no-reboot", "-serial", "stdio",
            "-kernel", guest.Kernel, "-initrd", guest.Initramfs, "-append", guest.CommandLine,
        ]);
        var booted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var process = QemuProcess.Start(info, line =>
        {
            if (line.Contains("VMGRID:BOOTED", StringComparison.Ordinal))
            {
                booted.TrySetResult();
            }
        });
        var started = System.Diagnostics.Stopwatch.StartNew();
        var finished = await Task.WhenAny(booted.Task, process.Exited, Task.Delay(limit, cancellationToken)).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        var seconds = started.Elapsed.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture);
        if (finished == booted.Task)
        {
            return (true, $"a KVM test boot of the guest kernel reached VMGRID:BOOTED in {seconds} s");
        }

        process.Kill();
        await Task.WhenAny(process.Exited, Task.Delay(2000, CancellationToken.None)).ConfigureAwait(false);
        var why = finished == process.Exited
            ? $"QEMU exited with code {await process.Exited.ConfigureAwait(false)}: {FirstLine(process.StderrTail)}"
            : $"no VMGRID:BOOTED within {limit.TotalSeconds:0} s";
        return (false, "a KVM test boot failed (" + why + ")");
    }

    private static string FirstLine(string text)
    {
        var line = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
            ?? text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return line?.Trim() ?? "no message";
    }

    private async Task<AcceleratorChoice> ProbeAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(_kvmDevice))
        {
            return new AcceleratorChoice(Accelerator.Tcg, $"{_kvmDevice} does not exist", false);
        }

        try
        {
            using var device = new FileStream(_kvmDevice, FileMode.Open, FileAccess.ReadWrite);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new AcceleratorChoice(Accelerator.Tcg, $"{_kvmDevice} cannot be opened for reading and writing ({e.Message})", false);
        }

        var (works, reason) = await _tryKvm(cancellationToken).ConfigureAwait(false);
        return new AcceleratorChoice(works ? Accelerator.Kvm : Accelerator.Tcg, reason, false);
    }

    private string CacheKey()
    {
        var binary = new FileInfo(_qemu.Binary);
        var osRelease = File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "unknown";
        var text = string.Join('\n', Environment.MachineName, osRelease, binary.FullName, binary.Exists ? binary.Length : 0,
            binary.Exists ? binary.LastWriteTimeUtc.Ticks : 0, _kvmDevice);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    private static AcceleratorChoice? ReadCache(string file)
    {
        try
        {
            var lines = File.ReadAllLines(file);
            return lines.Length >= 2 && Enum.TryParse<Accelerator>(lines[0], out var accelerator)
                ? new AcceleratorChoice(accelerator, lines[1], true)
                : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static void WriteCache(string file, AcceleratorChoice choice)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temp = file + "." + Environment.ProcessId + ".tmp";
        File.WriteAllLines(temp, [choice.Accelerator.ToString(), choice.Reason]);
        File.Move(temp, file, overwrite: true);
    }
}
