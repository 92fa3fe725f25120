using System.Runtime.InteropServices;

namespace VmMiddleware.Host.Files;

/// <summary>Creates hard links (link(2)): a second name for one file, which keeps its bytes alive after the first name is deleted.</summary>
public static partial class HardLink
{
    /// <summary>Makes <paramref name="newPath"/> a hard link to <paramref name="existingPath"/>.</summary>
    /// <exception cref="IOException">The link could not be made (the message names both paths and the system's reason; <see cref="Exception.HResult"/> is the errno).</exception>
    public static void Create(string existingPath, string newPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(existingPath);
        ArgumentException.ThrowIfNullOrEmpty(newPath);
        if (link(existingPath, newPath) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw new IOException($"cannot link {existingPath} to {newPath}: {Marshal.GetPInvokeErrorMessage(errno)}", errno);
        }
    }

    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int link(string oldPath, string newPath);
}
