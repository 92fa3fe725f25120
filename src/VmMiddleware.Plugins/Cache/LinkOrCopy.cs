using VmMiddleware.Host.Files;

namespace VmMiddleware.Plugins.Cache;

/// <summary>Puts a cached object at a job's path: a hard link when both are on one file system, else a copy; atomically (a temporary name, then a rename).</summary>
internal static class LinkOrCopy
{
    private const int Exdev = 18;
    private const int Eperm = 1;
    private const int Emlink = 31;
    private const int Enotsup = 95;

    /// <summary>Places <paramref name="source"/> at <paramref name="target"/>; returns whether it was linked (false: copied).</summary>
    public static bool Place(string source, string target)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(target))!, ".tmp-vmimage-" + Path.GetFileName(target) + "-" + Guid.NewGuid().ToString("N")[..8]);
        var linked = true;
        try
        {
            HardLink.Create(source, temp);
        }
        catch (IOException e) when (IoErrors.Errno(e) is Exdev or Eperm or Emlink or Enotsup)
        {
            // Another file system, or one that has no hard links: a copy does.
            linked = false;
            File.Copy(source, temp);
        }

        try
        {
            // The job's scratch directory needs no fsync (a crash loses the job anyway), and the object is read-only, which DurableFile's
            // flush (it opens for writing) would trip over; the rename alone keeps the job from seeing half a file.
            File.Move(temp, target, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }

        return linked;
    }
}
