using System.Globalization;
using System.Text;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Plugins.Site;

/// <summary>What the startd cron script advertises about an execute host: VmMiddleware is here, its version, QEMU's version and accelerator, the memory a VM may have, the image layers in the plugin cache.</summary>
/// <param name="Version">VmMiddlewareVersion: vmgrid's version.</param>
/// <param name="QemuVersion">QemuVersion: the version qemu-system-x86_64 reports (such as 7.2.19), or null when no QEMU was found.</param>
/// <param name="Accelerator">QemuAccelerator: kvm or tcg, as the launcher's probe finds it.</param>
/// <param name="MaxMemoryMiB">VmMiddlewareMaxMemory: the host's memory in MiB (MemTotal), the most a VM could be given.</param>
/// <param name="CachedLayers">VmMiddlewareCachedLayers: the state ids in the plugin cache.</param>
public sealed record SiteAd(string Version, string? QemuVersion, string Accelerator, long MaxMemoryMiB, IReadOnlyList<string> CachedLayers)
{
    /// <summary>The attribute saying the host runs VmMiddleware.</summary>
    public const string HasVmMiddleware = "HasVmMiddleware";

    /// <summary>The attribute listing the cached layers' state ids (comma-separated, as stringListMember reads it).</summary>
    public const string CachedLayersAttribute = "VmMiddlewareCachedLayers";

    /// <summary>Gets why QEMU's version is missing, when it is (advertised as VmMiddlewareProblem).</summary>
    public string? Problem { get; init; }

    /// <summary>Returns the startd cron output: one <c>Attr = value</c> line per attribute (ClassAd literals).</summary>
    public string Format()
    {
        var text = new StringBuilder();
        void Line(string name, Value value) => text.Append(name).Append(" = ").Append(Unparser.Unparse(value)).Append('\n');
        Line(HasVmMiddleware, Value.FromBoolean(QemuVersion is not null));
        Line("VmMiddlewareVersion", Value.FromString(Version));
        if (QemuVersion is not null)
        {
            Line("QemuVersion", Value.FromString(QemuVersion));
        }

        Line("QemuAccelerator", Value.FromString(Accelerator));
        Line("VmMiddlewareMaxMemory", Value.FromInteger(MaxMemoryMiB));
        Line(CachedLayersAttribute, Value.FromString(string.Join(",", CachedLayers)));
        if (Problem is not null)
        {
            Line("VmMiddlewareProblem", Value.FromString(Problem));
        }

        return text.ToString();
    }

    /// <summary>Returns MemTotal of a /proc/meminfo text in MiB, or 0 when it is not there.</summary>
    public static long MemTotalMiB(string meminfo)
    {
        ArgumentNullException.ThrowIfNull(meminfo);
        foreach (var line in meminfo.Split('\n'))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length >= 2 && fields[0] == "MemTotal:" && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var kib))
            {
                return kib / 1024;
            }
        }

        return 0;
    }

    /// <summary>Returns the version number in the first line of <c>qemu-system-x86_64 --version</c> ("QEMU emulator version 7.2.19 (Debian ...)" gives 7.2.19), or null.</summary>
    public static string? ParseQemuVersion(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        const string marker = "version ";
        var first = output.Split('\n')[0];
        var at = first.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var rest = first[(at + marker.Length)..];
        var end = rest.IndexOf(' ', StringComparison.Ordinal);
        var version = (end < 0 ? rest : rest[..end]).Trim();
        return version.Length > 0 && char.IsAsciiDigit(version[0]) ? version : null;
    }
}
