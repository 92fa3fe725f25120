using System.Runtime.InteropServices;

namespace VmMiddleware.Store.Verification;

/// <summary>What identifies one version of a file without reading it: device, inode, size, and the modification and status-change times in nanoseconds.</summary>
/// <remarks>The status-change time cannot be set by a user, so a file rewritten in place and touched back to its old mtime still gets a new stamp.</remarks>
/// <param name="Device">The device the file is on.</param>
/// <param name="Inode">The file's inode number.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="MtimeNs">The modification time in nanoseconds since the epoch.</param>
/// <param name="CtimeNs">The status-change time in nanoseconds since the epoch.</param>
public readonly partial record struct FileStamp(ulong Device, ulong Inode, long Size, long MtimeNs, long CtimeNs)
{
    private const int AtFdCwd = -100;
    private const uint StatxBasicStats = 0x7ff;

    /// <summary>Reads the stamp of <paramref name="path"/> with <c>statx(2)</c>.</summary>
    public static FileStamp Of(string path)
    {
        if (statx(AtFdCwd, path, 0, StatxBasicStats, out var buffer) != 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            if (errno == 2)
            {
                throw new FileNotFoundException($"{path}: no such file", path);
            }

            throw new IOException($"{path}: statx failed with errno {errno}", errno);
        }

        return new FileStamp(
            ((ulong)buffer.DevMajor << 32) | buffer.DevMinor,
            buffer.Inode,
            (long)buffer.Size,
            (buffer.MtimeSec * 1_000_000_000L) + buffer.MtimeNsec,
            (buffer.CtimeSec * 1_000_000_000L) + buffer.CtimeNsec);
    }

    /// <summary>Tells whether <paramref name="path"/> (links followed) is a regular file, as opposed to a pipe, device or directory.</summary>
    public static bool IsRegularFile(string path)
    {
        const ushort TypeMask = 0xF000;
        const ushort Regular = 0x8000;
        return statx(AtFdCwd, path, 0, StatxBasicStats, out var buffer) == 0 && (buffer.Mode & TypeMask) == Regular;
    }

    [LibraryImport("libc.so.6", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, out StatxBuffer buffer);

    // struct statx from <linux/stat.h>: the same layout on every Linux architecture.
    [StructLayout(LayoutKind.Explicit, Size = 256)]
    private struct StatxBuffer
    {
        [FieldOffset(28)]
        public ushort Mode;

        [FieldOffset(32)]
        public ulong Inode;

        [FieldOffset(40)]
        public ulong Size;

        [FieldOffset(96)]
        public long CtimeSec;

        [FieldOffset(104)]
        public uint CtimeNsec;

        [FieldOffset(112)]
        public long MtimeSec;

        [FieldOffset(120)]
        public uint MtimeNsec;

        [FieldOffset(136)]
        public uint DevMajor;

        [FieldOffset(140)]
        public uint DevMinor;
    }
}
