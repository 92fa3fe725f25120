using System.Security.Cryptography;

namespace VmMiddleware.Host.Hashing;

/// <summary>SHA-256 content addresses of files and byte ranges: the one place that hashes file content for transfers and stores.</summary>
public static class FileDigest
{
    private const int BufferSize = 1 << 20;

    /// <summary>Returns the SHA-256 of the file at <paramref name="path"/> (symbolic links followed) as 64 lowercase hex digits.</summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="progress">Receives the number of bytes hashed so far after each 1 MiB read, or null.</param>
    /// <param name="cancellationToken">Stops the hashing between reads.</param>
    public static string Sha256Hex(string path, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.SequentialScan);
        return Sha256Hex(stream, progress, cancellationToken);
    }

    /// <summary>Returns the SHA-256 of the file at <paramref name="path"/> as 64 lowercase hex digits, reading asynchronously and sharing the file with writers.</summary>
    /// <param name="path">The file to hash.</param>
    /// <param name="cancellationToken">Stops the hashing.</param>
    public static async Task<string> Sha256HexAsync(string path, CancellationToken cancellationToken = default)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (stream.ConfigureAwait(false))
        {
            return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Returns the SHA-256 of the rest of <paramref name="stream"/> as 64 lowercase hex digits.</summary>
    /// <param name="stream">The stream, read from its current position to its end.</param>
    /// <param name="progress">Receives the number of bytes hashed so far after each read, or null.</param>
    /// <param name="cancellationToken">Stops the hashing between reads.</param>
    public static string Sha256Hex(Stream stream, Action<long>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            hash.AppendData(buffer, 0, read);
            total += read;
            progress?.Invoke(total);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>Returns whether <paramref name="text"/> is a SHA-256 written as 64 lowercase hex digits (the form this class returns).</summary>
    public static bool IsSha256Hex(string? text) =>
        text is { Length: 64 } && text.All(c => c is (>= '0' and <= '9') or (>= 'a' and <= 'f'));
}
