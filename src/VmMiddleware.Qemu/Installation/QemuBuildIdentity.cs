using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using VmMiddleware.Store.Verification;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// The SHA-256 of a QEMU binary: saved VM states restore only on the very same build. Hashing the 18 MB binary took
/// 20-40 ms of every checkpointed start, so the digest is remembered under the cache root next to the binary's
/// (device, inode, size, mtime, ctime) stamp; a replaced or rewritten binary gets a new stamp and is hashed again.
/// </summary>
internal static class QemuBuildIdentity
{
    private static readonly ConcurrentDictionary<FileStamp, string> Known = new();

    public static string Of(QemuInstallation qemu, string? cacheRoot = null)
    {
        var stamp = FileStamp.Of(qemu.Binary);
        return Known.GetOrAdd(stamp, s => FromMemo(qemu.Binary, s, cacheRoot) ?? Hash(qemu.Binary, s, cacheRoot));
    }

    internal static string Line(FileStamp stamp) =>
        string.Create(CultureInfo.InvariantCulture, $"{stamp.Device} {stamp.Inode} {stamp.Size} {stamp.MtimeNs} {stamp.CtimeNs}");

    internal static string? MemoPath(string binary, string? cacheRoot) => cacheRoot is null ? null
        : Path.Combine(cacheRoot, "qemu-builds", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Path.GetFullPath(binary))))[..16] + ".txt");

    private static string? FromMemo(string binary, FileStamp stamp, string? cacheRoot)
    {
        try
        {
            var lines = MemoPath(binary, cacheRoot) is { } memo && File.Exists(memo) ? File.ReadAllLines(memo) : [];
            return lines.Length == 2 && lines[0] == Line(stamp) && lines[1].Length == 64 ? lines[1] : null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    private static string Hash(string binary, FileStamp stamp, string? cacheRoot)
    {
        string digest;
        using (var stream = new FileStream(binary, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan))
        {
            digest = Convert.ToHexStringLower(SHA256.HashData(stream));
        }

        // The file must still be the one stamped before hashing, or the memo would pair a stamp with another build's digest.
        if (MemoPath(binary, cacheRoot) is { } memo && FileStamp.Of(binary) == stamp)
        {
            try
            {
                Directory.CreateDirectory(Path.GetDirectoryName(memo)!);
                DurableFile.WriteAllText(memo, Line(stamp) + "\n" + digest + "\n");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A read-only cache only costs the hash next time.
            }
        }

        return digest;
    }
}
