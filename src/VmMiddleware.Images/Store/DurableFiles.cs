using System.Runtime.InteropServices;

namespace VmMiddleware.Images.Store;

/// <summary>Crash-safe file primitives: write to a temporary name, fsync, rename, fsync the directory.</summary>
internal static partial class DurableFiles
{
    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="bytes"/>; readers see the old or the new file, never a part.</summary>
    public static void WriteAtomic(string path, ReadOnlySpan<byte> bytes)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(directory, ".tmp-" + Path.GetFileName(path) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
            SyncDirectory(directory);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Flushes <paramref name="path"/>'s data to disk.</summary>
    public static void SyncFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> (same directory) after syncing its data, then syncs the directory.</summary>
    public static void CommitRename(string from, string to, bool overwrite = false)
    {
        SyncFile(from);
        File.Move(from, to, overwrite);
        SyncDirectory(Path.GetDirectoryName(Path.GetFullPath(to))!);
    }

    /// <summary>Makes a rename or unlink in <paramref name="directory"/> durable (fsync on the directory; a no-op off Unix).</summary>
    public static void SyncDirectory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, 0); // O_RDONLY
        if (fd < 0)
        {
            return;
        }

        _ = Fsync(fd);
        _ = Close(fd);
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync")]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
