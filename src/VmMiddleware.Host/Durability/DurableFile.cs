using System.Text;

namespace VmMiddleware.Host.Durability;

/// <summary>Crash-safe whole-file writes: a unique temporary name in the target's directory, write, fsync, rename over the target, fsync the directory.</summary>
/// <remarks>
/// Readers see the old file or the new one, never a part; concurrent writers to the same target each use their own temporary
/// file, so the last rename wins and neither sees the other's bytes. Temporary files are named
/// <c>.tmp-&lt;name&gt;-&lt;32 hex&gt;</c> (see <see cref="TemporaryPattern"/>) so a store's recovery can find the ones a killed writer left.
/// </remarks>
public static class DurableFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="bytes"/>.</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="bytes">The complete new contents.</param>
    public static void WriteAllBytes(string path, byte[] bytes) => WriteAllBytes(path, bytes, flushToDisk: true);

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="bytes"/>; without <paramref name="flushToDisk"/> nothing is fsynced, for a hint its reader can tell is missing or torn and rebuild.</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="bytes">The complete new contents.</param>
    /// <param name="flushToDisk">Whether to fsync the file and its directory (readers see the old file or the new one either way; only a power cut can tell).</param>
    public static void WriteAllBytes(string path, byte[] bytes, bool flushToDisk)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        Write(path, stream => stream.Write(bytes), flushToDisk, flushToDisk);
    }

    /// <summary>Atomically replaces <paramref name="path"/> with <paramref name="text"/> encoded as UTF-8 without a byte-order mark.</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="text">The complete new contents.</param>
    public static void WriteAllText(string path, string text) => WriteAllBytes(path, Utf8.GetBytes(text));

    /// <summary>Atomically replaces <paramref name="path"/> with what <paramref name="write"/> writes to the stream it is given.</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="write">Writes the complete new contents; it must not close the stream.</param>
    /// <param name="syncDirectory">Whether to fsync the directory after the rename; a caller that renames several files in it and fsyncs it once at the end passes false.</param>
    public static void Write(string path, Action<Stream> write, bool syncDirectory = true) => Write(path, write, flushData: true, syncDirectory);

    private static void Write(string path, Action<Stream> write, bool flushData, bool syncDirectory)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(path);
        var temp = TemporaryPath(full);
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                write(stream);
                stream.Flush(flushToDisk: flushData);
            }

            File.Move(temp, full, overwrite: true);
            if (syncDirectory)
            {
                Fsync.Directory(Path.GetDirectoryName(full)!);
            }
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>Atomically replaces <paramref name="path"/> with the file <paramref name="writeTemporary"/> creates at the temporary path it is given (for tools such as qemu-img that write a file by name).</summary>
    /// <param name="path">The target file; its directory must exist.</param>
    /// <param name="writeTemporary">Creates the complete new file at the path it is given, in the target's directory.</param>
    /// <returns>A task that completes once the new file is in place and durable.</returns>
    public static async Task ReplaceAsync(string path, Func<string, Task> writeTemporary)
    {
        ArgumentNullException.ThrowIfNull(writeTemporary);
        var full = Path.GetFullPath(path);
        var temp = TemporaryPath(full);
        try
        {
            await writeTemporary(temp).ConfigureAwait(false);
            CommitRename(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Renames <paramref name="from"/> to <paramref name="to"/> (same file system) after flushing its data, then flushes the directory entry.</summary>
    /// <param name="from">A complete file written under a temporary name.</param>
    /// <param name="to">Its final name.</param>
    /// <param name="overwrite">Whether an existing <paramref name="to"/> is replaced.</param>
    /// <param name="dataSynced">Whether the caller already flushed <paramref name="from"/>'s data (it wrote it and fsynced it), so it is not flushed again.</param>
    /// <param name="syncDirectory">Whether to fsync <paramref name="to"/>'s directory after the rename; a caller that fsyncs it itself later (once for several renames) passes false.</param>
    public static void CommitRename(string from, string to, bool overwrite = false, bool dataSynced = false, bool syncDirectory = true)
    {
        if (!dataSynced)
        {
            SyncFile(from);
        }

        File.Move(from, to, overwrite);
        if (syncDirectory)
        {
            Fsync.Directory(Path.GetDirectoryName(Path.GetFullPath(to))!);
        }
    }

    /// <summary>Flushes <paramref name="path"/>'s data to disk (fsync).</summary>
    /// <param name="path">An existing file.</param>
    public static void SyncFile(string path) => Fsync.File(path);

    /// <summary>Makes a rename or unlink in <paramref name="directory"/> durable (fsync on the directory).</summary>
    /// <param name="directory">An existing directory.</param>
    public static void SyncDirectory(string directory) => Fsync.Directory(directory);

    /// <summary>Returns the search pattern (for <see cref="Directory.EnumerateFiles(string, string)"/> in the target's directory) that matches the temporary files of writes to <paramref name="path"/>.</summary>
    /// <param name="path">The target file.</param>
    /// <returns>A pattern such as <c>.tmp-index.json-*</c>.</returns>
    public static string TemporaryPattern(string path) => ".tmp-" + Path.GetFileName(path) + "-*";

    private static string TemporaryPath(string full) =>
        Path.Combine(Path.GetDirectoryName(full)!, ".tmp-" + Path.GetFileName(full) + "-" + Guid.NewGuid().ToString("N"));
}
