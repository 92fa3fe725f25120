using VmMiddleware.Host.Hashing;
using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Qemu.Storage;

/// <summary>Hashes image files and checks them against the SHA-256 a work unit expects.</summary>
internal static class ImageVerifier
{
    /// <summary>Throws a <see cref="LaunchException"/> naming both digests when the file at <paramref name="path"/> does not hash to <paramref name="expectedSha256"/>.</summary>
    public static async Task VerifyAsync(string path, string? expectedSha256, CancellationToken cancellationToken)
    {
        if (expectedSha256 is null)
        {
            return;
        }

        var actual = await HashAsync(path, cancellationToken).ConfigureAwait(false);
        if (actual != expectedSha256)
        {
            throw Mismatch(path, actual, expectedSha256);
        }
    }

    /// <summary>Returns the file's SHA-256 as 64 lowercase hex digits.</summary>
    public static Task<string> HashAsync(string path, CancellationToken cancellationToken) => FileDigest.Sha256HexAsync(path, cancellationToken);

    /// <summary>The error for an image whose content is not what the work unit says.</summary>
    public static LaunchException Mismatch(string path, string actualHex, string expectedHex) =>
        new($"The image {path} has SHA-256 {actualHex}, but the work unit expects {expectedHex}; refusing to boot it.");
}
