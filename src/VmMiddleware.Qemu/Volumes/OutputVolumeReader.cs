namespace VmMiddleware.Qemu.Volumes;

/// <summary>
/// Reads the guest's output disk (a raw tar stream) straight from the image file and extracts it safely: nothing from the
/// guest is trusted. Refused, naming the entry: absolute paths, '..' components, paths too long for the host, hard links,
/// symbolic links that are absolute or contain '..' (only downward, in-tree links are kept, and nothing is ever written
/// through one), device files, FIFOs, sparse files and other special entries, PAX and GNU headers over
/// <see cref="TarHeaderGuard.MaxMetadataBytes"/>, duplicate names, a file over the per-file limit, and a total over the limit.
/// Extraction goes to a temporary sibling directory that is renamed into place at the end.
/// </summary>
internal static class OutputVolumeReader
{
    public const int MaxEntries = 100_000;
    public const int MaxPathLength = 4096;

    /// <summary>Extracts everything or nothing: the first refused entry throws and <paramref name="destination"/> is left as it was.</summary>
    /// <exception cref="OutputRefusedException">An entry (or the archive) was refused.</exception>
    public static OutputExtraction Extract(string imagePath, string destination, long maxTotalBytes, long maxFileBytes) =>
        Run(imagePath, destination, maxTotalBytes, maxFileBytes, keepSafe: false);

    /// <summary>
    /// Extracts every entry that passes and skips the refused ones (reading stops where the archive itself is unreadable);
    /// the result lists the refusals, and <paramref name="destination"/> holds what was kept.
    /// </summary>
    public static OutputExtraction ExtractSafe(string imagePath, string destination, long maxTotalBytes, long maxFileBytes) =>
        Run(imagePath, destination, maxTotalBytes, maxFileBytes, keepSafe: true);

    private static OutputExtraction Run(string imagePath, string destination, long maxTotalBytes, long maxFileBytes, bool keepSafe)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        var final = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(final) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        try
        {
            OutputExtraction result;
            using (var image = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                result = new OutputExtractor(temp, maxTotalBytes, maxFileBytes, keepSafe).Run(image);
            }

            if (Directory.Exists(final))
            {
                var old = Path.Combine(parent, "." + Path.GetFileName(final) + ".old-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.Move(final, old);
                Directory.Move(temp, final);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, final);
            }

            return result;
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Returns the entry name as a clean relative path (no leading ./, no empty or '.' components), or null for the archive root.</summary>
    internal static string? Normalize(string name)
    {
        if (name.StartsWith('/'))
        {
            throw new OutputRefusedException(name, "absolute paths are not allowed");
        }

        if (name.Length > MaxPathLength)
        {
            throw new OutputRefusedException(name[..64] + "...", $"the path is longer than {MaxPathLength} characters");
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
        {
            throw new OutputRefusedException(name, "'..' path components are not allowed");
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }
}
