namespace VmMiddleware.WorkUnits;

/// <summary>Under which names a work unit's disks travel and come back: a disk's own file name, and NAME.delta for its delta.</summary>
public static class DiskReturns
{
    /// <summary>The suffix of a returned delta: NAME.delta for the disk NAME.</summary>
    public const string DeltaSuffix = ".delta";

    /// <summary>Returns a disk's file name: a host file's own name, a vmimage:// URL's last segment, a cache reference's digest.</summary>
    public static string FileName(ImageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            ImageLocationKind.HostPath => Path.GetFileName(location.Value),
            ImageLocationKind.CacheReference => location.CacheDigest!,
            _ => new Uri(location.Value).AbsolutePath.TrimEnd('/').Split('/')[^1],
        };
    }

    /// <summary>Returns every disk of a bootable-disk work unit with whether the guest may write it: the boot image first, then the further disks in order.</summary>
    public static IReadOnlyList<(ImageLocation Location, bool ReadOnly)> Disks(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        return workUnit.Image is { Kind: ImageKind.BootableDisk, Location: { } image }
            ? [(image, workUnit.Image.ReadOnly), .. workUnit.Disks.Select(d => (d.Location, d.ReadOnly))]
            : [];
    }

    /// <summary>Returns the file names the work unit's writable disks come back under (NAME, or NAME.delta), boot disk first; empty when none come back.</summary>
    public static IReadOnlyList<string> ReturnedFiles(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var suffix = workUnit.ReturnDisks == DiskReturn.Delta ? DeltaSuffix : string.Empty;
        return workUnit.ReturnDisks == DiskReturn.None
            ? []
            : [.. Disks(workUnit).Where(d => !d.ReadOnly).Select(d => FileName(d.Location) + suffix)];
    }
}
