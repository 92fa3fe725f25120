using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace VmMiddleware.Qemu.Installation;

/// <summary>The SHA-256 of a QEMU binary: saved VM states restore only on the very same build.</summary>
internal static class QemuBuildIdentity
{
    private static readonly ConcurrentDictionary<(string, long, long), string> Known = new();

    public static string Of(QemuInstallation qemu)
    {
        var file = new FileInfo(qemu.Binary);
        return Known.GetOrAdd((file.FullName, file.Length, file.LastWriteTimeUtc.Ticks), key =>
        {
            using var stream = new FileStream(key.Item1, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
            return Convert.ToHexStringLower(SHA256.HashData(stream));
        });
    }
}
