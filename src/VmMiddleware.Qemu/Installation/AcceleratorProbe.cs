using System.Globalization;
using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Chooses KVM or TCG by asking KVM directly (<see cref="KvmProbe"/>: a few ioctls and a tiny guest, milliseconds). A working KVM
/// is asked on every start (its answer is the cheap one); a KVM the probe proved too slow is remembered for this boot in the
/// cache root (<see cref="KvmVerdictCache"/>), since reaching that answer is what costs the probe its tens of milliseconds.
/// </summary>
public sealed class AcceleratorProbe
{
    private const string DefaultDevice = "/dev/kvm";
    private readonly string _kvmDevice;
    private readonly Func<string, (bool Works, string Reason, bool Lasting)> _tryKvm;
    private readonly KvmVerdictCache? _cache;

    /// <summary>Initializes a probe of this host's /dev/kvm that keeps no verdict.</summary>
    public AcceleratorProbe()
        : this(cacheRoot: null)
    {
    }

    /// <summary>Initializes a probe of this host's /dev/kvm that keeps a too-slow verdict under <paramref name="cacheRoot"/>/accelerator for this boot.</summary>
    /// <param name="cacheRoot">The cache root (the edge reads it from its settings), or null to keep nothing.</param>
    public AcceleratorProbe(string? cacheRoot)
        : this(
            DefaultDevice,
            device => KvmProbe.Verdict(device, KvmProbe.Budget, KvmProbe.Deadline),
            cacheRoot is null ? null : new KvmVerdictCache(KvmVerdictCache.PathUnder(cacheRoot), DefaultDevice))
    {
    }

    internal AcceleratorProbe(string kvmDevice, Func<string, (bool Works, string Reason, bool Lasting)> tryKvm, KvmVerdictCache? cache = null)
    {
        _kvmDevice = kvmDevice;
        _tryKvm = tryKvm;
        _cache = cache;
    }

    /// <summary>Returns the accelerator to use: what the direct KVM probe finds, or found earlier in this boot (TCG, with the reason, when KVM does not work).</summary>
    /// <remarks>A forced choice (the edge's VMMIDDLEWARE_ACCEL, see <see cref="Forced"/>) goes into the launcher's options instead, and no probe runs.</remarks>
    public Task<AcceleratorChoice> ChooseAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Probe());
    }

    /// <summary>Returns the accelerator <paramref name="name"/> (kvm or tcg, any case) forced by <paramref name="source"/>, without probing.</summary>
    /// <param name="name">The accelerator's name.</param>
    /// <param name="source">Where the choice comes from (such as VMMIDDLEWARE_ACCEL), for the reason and messages.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is neither kvm nor tcg.</exception>
    public static AcceleratorChoice Forced(string name, string source)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "kvm" => new AcceleratorChoice(Accelerator.Kvm, $"{source}=kvm", false),
            "tcg" => new AcceleratorChoice(Accelerator.Tcg, $"{source}=tcg", false),
            _ => throw new ArgumentException($"{source} is '{name}'; expected kvm or tcg.", nameof(name)),
        };
    }

    /// <summary>Boots the guest kernel under QEMU with -accel kvm (the slow, indirect test the direct probe replaced; kept to check that both agree).</summary>
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

    private AcceleratorChoice Probe()
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

        // Whether this user may open the device is asked every time above; only KVM's speed is kept.
        if (_cache?.Read() is { } kept)
        {
            return new AcceleratorChoice(Accelerator.Tcg, $"KVM does not work here: {kept} (kept in {_cache.Location} by an earlier probe in this boot)", true);
        }

        var (works, reason, lasting) = _tryKvm(_kvmDevice);
        if (!works && lasting)
        {
            _cache?.Write(reason);
        }

        return new AcceleratorChoice(works ? Accelerator.Kvm : Accelerator.Tcg, works ? reason : "KVM does not work here: " + reason, false);
    }
}
