using System.Security.Cryptography;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Checks an image file against its expected SHA-256.</summary>
internal static class ImageVerifier
{
    public static async Task VerifyAsync(string path, string? expectedSha256, CancellationToken cancellationToken)
    {
        if (expectedSha256 is null)
        {
            return;
        }

        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            var actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            if (actual != expectedSha256)
            {
                throw new InvalidDataException($"The image {path} has SHA-256 {actual}; the work unit expects {expectedSha256}.");
            }
        }
    }

    public static string HashFile(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
