using System.Globalization;
using System.Text;
using VmMiddleware.Host.Durability;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Keeps the direct KVM probe's lasting verdict (KVM too slow, proved by the test guest's CPU time) in one small file under the
/// cache root, so later starts skip the tens of milliseconds the probe needs to reach it. The file holds its key: the probe's
/// own parameters, this boot (/proc/sys/kernel/random/boot_id), the kernel release, and the KVM device node's inode and
/// status-change time (a reloaded kvm module re-creates the node; its device number, 10:232, would not change). A file whose
/// key differs, or that is not one this class wrote, is ignored and replaced by the next lasting verdict. Delete it to probe afresh.
/// </summary>
/// <param name="file">The verdict file.</param>
/// <param name="kvmDevice">The KVM device whose verdict is kept.</param>
/// <param name="procRoot">Where procfs is mounted; tests give a directory of their own.</param>
internal sealed class KvmVerdictCache(string file, string kvmDevice, string procRoot = "/proc")
{
    private const string Header = "vmgrid kvm verdict 1";
    private const string Refused = "tcg ";
    private const int MaxBytes = 4096;

    /// <summary>Gets the verdict file.</summary>
    public string Location => file;

    /// <summary>Returns the verdict file's path under <paramref name="cacheRoot"/>.</summary>
    public static string PathUnder(string cacheRoot) => Path.Combine(cacheRoot, "accelerator", "kvm-verdict.txt");

    /// <summary>Returns the kept reason why KVM does not work here, or null when there is none for this boot, kernel and device.</summary>
    public string? Read()
    {
        try
        {
            var info = new FileInfo(file);
            if (!info.Exists || info.Length > MaxBytes || Key() is not { } key)
            {
                return null;
            }

            var text = File.ReadAllText(file, Encoding.UTF8);
            var prefix = key + Refused;
            if (!text.StartsWith(prefix, StringComparison.Ordinal) || !text.EndsWith('\n'))
            {
                return null;
            }

            var reason = text[prefix.Length..^1];
            return reason.Length == 0 || reason.Contains('\n', StringComparison.Ordinal) ? null : reason;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Keeps <paramref name="reason"/> (why KVM does not work) for this boot, kernel and device; a cache that cannot be written only costs the next start a probe.</summary>
    public void Write(string reason)
    {
        ArgumentException.ThrowIfNullOrEmpty(reason);
        try
        {
            if (Key() is not { } key)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            // Not fsynced: only a power cut can tear it, and the boot id of the next boot no longer matches the torn file's.
            var text = key + Refused + reason.ReplaceLineEndings(" ") + "\n";
            DurableFile.WriteAllBytes(file, Encoding.UTF8.GetBytes(text), flushToDisk: false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full cache: the next start probes again.
        }
    }

    /// <summary>The lines that must match for a kept verdict to hold, each ending in a newline, or null when a part cannot be read.</summary>
    private string? Key()
    {
        var boot = ReadProc("sys/kernel/random/boot_id");
        var kernel = ReadProc("sys/kernel/osrelease");
        if (boot is null || kernel is null)
        {
            return null;
        }

        var device = FileStamp.Of(kvmDevice);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{Header}\nprobe {KvmProbe.Chunks} loops, {KvmProbe.Budget.TotalMilliseconds:0} ms of CPU, {KvmPace.SlowInARow} slow in a row\n"
            + $"boot {boot}\nkernel {kernel}\ndevice {kvmDevice} {device.Device} {device.Inode} {device.CtimeNs}\n");
    }

    private string? ReadProc(string relative)
    {
        var path = Path.Combine(procRoot, relative);
        var text = File.Exists(path) ? File.ReadAllText(path).Trim() : string.Empty;
        return text.Length == 0 || text.Contains('\n', StringComparison.Ordinal) ? null : text;
    }
}
