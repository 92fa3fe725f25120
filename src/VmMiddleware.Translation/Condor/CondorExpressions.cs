using System.Globalization;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Condor;

/// <summary>The ClassAd expressions of a generated submit description: requirements, rank and the wall-time hold.</summary>
internal static class CondorExpressions
{
    /// <summary>Returns the work unit's requirements (if any) AND a 64-bit Linux machine, AND (for a cached image) a machine that has it.</summary>
    /// <remarks>
    /// No term names TARGET.Memory or TARGET.Disk: condor_submit adds "TARGET.Memory >= RequestMemory" from request_memory
    /// itself, and warns "your Requirements expression refers to TARGET.Memory. This is obsolete" for any vanilla job whose
    /// requirements mention Memory (Disk likewise) (SubmitHash::SetRequirements, submit_utils.cpp).
    /// </remarks>
    public static string Requirements(WorkUnit workUnit)
    {
        var terms = new List<string>();
        if (workUnit.Requirements is { } user)
        {
            terms.Add("(" + user + ")");
        }

        terms.Add("(TARGET.OpSys == \"LINUX\")");
        terms.Add("(TARGET.Arch == \"X86_64\")");
        if (workUnit.Image.Location?.CacheDigest is { } digest)
        {
            terms.Add(HasCachedImage(digest));
        }

        return string.Join(" && ", terms);
    }

    /// <summary>The request_disk of a VM-universe job, in KiB as HTCondor counts DiskUsage: three times what the job ships (the disks; their overlays and returned copies) plus 512 MiB for the launcher, the unpacked QEMU and a checkpoint's state.</summary>
    public const string VmUniverseRequestDisk = "(3 * DiskUsage) + 524288";

    /// <summary>Returns the whole Requirements of a VM-universe job: the work unit's own, a 64-bit Linux machine, and the clauses condor_submit would add for a vanilla job (memory, CPUs, disk, file transfer), written out because the schedd transform writes the same.</summary>
    public static string VmUniverseRequirements(WorkUnit workUnit)
    {
        var own = workUnit.Requirements is { } user ? "(" + user + ") && " : string.Empty;
        return own + "(TARGET.OpSys == \"LINUX\") && (TARGET.Arch == \"X86_64\") && (TARGET.Memory >= RequestMemory) && (TARGET.Cpus >= RequestCpus) && (TARGET.Disk >= RequestDisk) && TARGET.HasFileTransfer";
    }

    /// <summary>Returns the work unit's rank plus <paramref name="bonus"/> for a machine that has the image cached (by digest in its image cache, or, for a vmimage:// image, by state id in its plugin cache), or null when there is neither.</summary>
    public static string? Rank(WorkUnit workUnit, int bonus)
    {
        var digest = workUnit.Image.Sha256 ?? workUnit.Image.Location?.CacheDigest;
        var layer = FactoryStateId(workUnit.Image.Location);
        var preference = bonus == 0 ? null
            : digest is not null ? "(" + HasCachedImage(digest) + " ? " + Number(bonus) + " : 0)"
            : layer is not null ? "(" + HasCachedLayer(layer) + " ? " + Number(bonus) + " : 0)"
            : null;
        return (workUnit.Rank, preference) switch
        {
            (null, null) => null,
            ({ } user, null) => user,
            (null, { } cached) => cached,
            ({ } user, { } cached) => "(" + user + ") + " + cached,
        };
    }

    /// <summary>Returns the periodic_hold expression: running longer than <paramref name="limit"/> in one stretch.</summary>
    public static string WallTimeHold(TimeSpan limit) =>
        "(JobStatus == 2) && ((time() - EnteredCurrentStatus) > " + Number(WholeSeconds(limit)) + ")";

    /// <summary>Returns the periodic_hold_reason expression, a ClassAd string.</summary>
    public static string WallTimeHoldReason(WorkUnit workUnit, TimeSpan grace) =>
        "\"vmgrid: the work unit ran past its wall time of " + Number(WholeSeconds(workUnit.Limits.WallTime)) + " s plus " + Number(WholeSeconds(grace)) + " s\"";

    /// <summary>Returns a ClassAd string literal for <paramref name="text"/>, escaping backslashes and double quotes.</summary>
    public static string StringLiteral(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    /// <summary>Returns whole seconds, rounded up.</summary>
    public static long WholeSeconds(TimeSpan duration) => (duration.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;

    private static string HasCachedImage(string digest) =>
        "(isString(TARGET." + CondorAttributes.CachedImages + ") && stringListMember(\"sha256:" + digest + "\", TARGET." + CondorAttributes.CachedImages + "))";

    /// <summary>Returns the factory state id a vmimage:// image names (the URL's last segment, 64 hex digits, optionally .qcow2), or null.</summary>
    internal static string? FactoryStateId(ImageLocation? location)
    {
        if (location is not { Kind: ImageLocationKind.Url } url || !url.Value.StartsWith(ImageLocation.UrlScheme + "://", StringComparison.Ordinal))
        {
            return null;
        }

        var last = url.Value.TrimEnd('/').Split('/')[^1];
        var id = last.EndsWith(".qcow2", StringComparison.Ordinal) ? last[..^".qcow2".Length] : last;
        return id.Length == 64 && id.All(char.IsAsciiHexDigitLower) ? id : null;
    }

    private static string HasCachedLayer(string stateId) =>
        "(isString(TARGET." + CondorAttributes.CachedLayers + ") && stringListMember(\"" + stateId + "\", TARGET." + CondorAttributes.CachedLayers + "))";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);
}
