using System.Security.Cryptography;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Atomic inserts: copy to a locked temporary file, fsync, check the hash, rename into place.</summary>
public sealed partial class ImageCache
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Copies the image at <paramref name="sourcePath"/> (a file, or a pipe streaming a standalone image) into the cache (a no-op when that content is already there) and trims to the cap.</summary>
    /// <param name="sourcePath">The image file to add.</param>
    /// <param name="expectedSha256">The content id or hex digest the image must have, or null to accept whatever it hashes to.</param>
    /// <param name="cancellationToken">Cancels the copy; nothing is left behind.</param>
    /// <exception cref="InvalidDataException">The content does not hash to <paramref name="expectedSha256"/>, or its backing file is not cached.</exception>
    public async Task<CacheEntry> AddAsync(string sourcePath, string? expectedSha256, CancellationToken cancellationToken)
    {
        var (entry, lease) = await InsertAsync(sourcePath, expectedSha256, takeLease: false, cancellationToken).ConfigureAwait(false);
        lease?.Dispose();
        return entry;
    }

    /// <summary>Like <see cref="AddAsync"/>, but returns a lease taken atomically with the insert, so no trim can evict the entry before it is used.</summary>
    /// <param name="sourcePath">The image file to add.</param>
    /// <param name="expectedSha256">The content id or hex digest the image must have, or null.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public async Task<CacheLease> AddAndLeaseAsync(string sourcePath, string? expectedSha256, CancellationToken cancellationToken)
    {
        var (_, lease) = await InsertAsync(sourcePath, expectedSha256, takeLease: true, cancellationToken).ConfigureAwait(false);
        return lease!;
    }

    private async Task<(CacheEntry Entry, CacheLease? Lease)> InsertAsync(string sourcePath, string? expectedSha256, bool takeLease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        string? expected = expectedSha256 is null ? null : CacheId.Normalize(expectedSha256);
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException($"{sourcePath}: no such image", sourcePath);
        }

        if (expected is not null)
        {
            var hit = await TryCommitExistingAsync(expected, takeLease, cancellationToken).ConfigureAwait(false);
            if (hit is not null)
            {
                return hit.Value;
            }
        }

        // Inspect the source where it lies, so a relative backing name resolves against its own directory.
        // A pipe (a download streamed in) cannot be inspected without consuming it: it is taken as a standalone image.
        var backingFile = FileStamp.IsRegularFile(sourcePath) ? await BackingOfAsync(sourcePath, cancellationToken).ConfigureAwait(false) : null;
        var temp = Path.Combine(TempDir, Guid.NewGuid().ToString("N") + ".part");

        // The writer keeps its exclusive flock on the temporary file until the rename: recovery in
        // another process deletes only temporary files that nobody holds.
        // Created owner-only, so not even the partial copy is readable by others; it ends read-only, no wider than the source.
        var stream = new FileStream(
            temp, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1, Options = FileOptions.Asynchronous, UnixCreateMode = OwnerOnly });
        try
        {
            string id;
            using (stream)
            {
                id = await CopyAndHashAsync(sourcePath, stream, cancellationToken).ConfigureAwait(false);
                if (expected is not null && id != expected)
                {
                    throw new InvalidDataException($"{sourcePath}: content is {id}, expected {expected}");
                }

                var backing = backingFile is null ? null : ResolveBacking(backingFile);
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(temp, CachedMode(sourcePath));
                }

                using var guard = await LockIndexAsync(cancellationToken).ConfigureAwait(false);
                return Commit(id, temp, stream.Length, backing, takeLease);
            }
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>The mode of a cache object: read-only, readable by its owner, by the group only when the source is, never by others.</summary>
    internal static UnixFileMode CachedMode(string sourcePath) =>
        UnixFileMode.UserRead | (File.GetUnixFileMode(sourcePath) & UnixFileMode.GroupRead);

    private async Task<(CacheEntry, CacheLease?)?> TryCommitExistingAsync(string id, bool takeLease, CancellationToken cancellationToken)
    {
        using var guard = await LockIndexAsync(cancellationToken).ConfigureAwait(false);
        var index = CacheIndex.Load(IndexPath);
        if (!index.Entries.TryGetValue(id, out var record) || !File.Exists(ObjectPath(id)))
        {
            return null;
        }

        var lease = takeLease ? LeaseChain(index, id) : null;
        record.LastUsedMs = NowMs();
        CacheIndex.Save(IndexPath, index);
        return (ToEntry(id, record, inUse: lease is not null), lease);
    }

    /// <summary>Moves the verified temporary file into place and records it; runs under the index lock.</summary>
    private (CacheEntry, CacheLease?) Commit(string id, string temp, long size, string? backing, bool takeLease)
    {
        var index = CacheIndex.Load(IndexPath);
        if (backing is not null && !index.Entries.ContainsKey(backing))
        {
            throw new InvalidDataException($"{id}: its backing image {backing} was evicted while it was being added");
        }

        var target = ObjectPath(id);
        if (!index.Entries.TryGetValue(id, out var record) || !File.Exists(target))
        {
            // Another launcher may have won the race for the same content: then ours is discarded.
            if (!File.Exists(target))
            {
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Move(temp, target);
            }

            record = new IndexRecord { Size = size, Backing = backing, Verified = FileStamp.Of(target) };
            index.Entries[id] = record;
        }

        record.LastUsedMs = NowMs();
        var lease = takeLease ? LeaseChain(index, id) : null;
        TrimLocked(index, CapBytes, exclude: id);
        CacheIndex.Save(IndexPath, index);
        return (ToEntry(id, record, inUse: lease is not null), lease);
    }

    /// <summary>Maps the backing file named inside a qcow2 layer to the cached entry holding that content.</summary>
    private string ResolveBacking(string backingFile)
    {
        var full = Path.GetFullPath(backingFile);
        var objects = ObjectsDir + Path.DirectorySeparatorChar;
        if (full.StartsWith(objects, StringComparison.Ordinal))
        {
            var rel = full[objects.Length..].Replace(Path.DirectorySeparatorChar.ToString(), string.Empty, StringComparison.Ordinal);
            if (CacheId.TryNormalize(rel, out var id))
            {
                return id;
            }
        }

        if (!File.Exists(full))
        {
            throw new InvalidDataException($"backing file {backingFile} does not exist; add the base image to the cache first");
        }

        using var input = File.OpenRead(full);
        var hashed = CacheId.FromDigest(SHA256.HashData(input));
        if (Find(hashed) is null)
        {
            throw new InvalidDataException($"backing file {backingFile} ({hashed}) is not in the cache; add the base image first");
        }

        return hashed;
    }

    private static async Task<string> CopyAndHashAsync(string sourcePath, FileStream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            var buffer = new byte[1 << 20];
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
                await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }

        target.Flush(flushToDisk: true);
        return CacheId.FromDigest(hash.GetHashAndReset());
    }
}
