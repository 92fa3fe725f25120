using System.Runtime.InteropServices;

namespace VmMiddleware.Host.Durability;

/// <summary>fsync(2) on a path opened read-only: for directories, which .NET cannot flush, and for files this process may not write (a read-only staged file).</summary>
internal static partial class Fsync
{
    private const int ReadOnly = 0; // O_RDONLY
    private const int CloseOnExec = 0x80000; // O_CLOEXEC

    /// <summary>Flushes <paramref name="directory"/>'s entries; a no-op off Unix, and a directory that cannot be opened is left alone (the rename itself already happened).</summary>
    public static void Directory(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var fd = Open(directory, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            return;
        }

        _ = Flush(fd);
        _ = Close(fd);
    }

    /// <summary>Flushes the data of the file at <paramref name="path"/> to disk; fsync needs no write permission, so a read-only file is flushed too.</summary>
    /// <exception cref="IOException">The file cannot be opened or flushed.</exception>
    public static void File(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.Flush(flushToDisk: true);
            return;
        }

        var fd = Open(path, ReadOnly | CloseOnExec);
        if (fd < 0)
        {
            throw new IOException($"cannot open {path} to flush it to disk: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        var flushed = Flush(fd);
        var error = Marshal.GetLastPInvokeError();
        _ = Close(fd);
        if (flushed != 0)
        {
            throw new IOException($"cannot flush {path} to disk: {Marshal.GetPInvokeErrorMessage(error)}");
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Flush(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
