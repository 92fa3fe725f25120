using System.Text.Json;
using VmMiddleware.Host.Processes;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Inserts: what the cache adds to the store's atomic insert is finding a qcow2 layer's cached base and the object's file mode.</summary>
public sealed partial class ImageCache
{
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

    /// <summary>The mode of a cache object: read-only, readable by its owner, by the group only when the source is, never by others.</summary>
    internal static UnixFileMode CachedMode(string sourcePath) =>
        UnixFileMode.UserRead | (File.GetUnixFileMode(sourcePath) & UnixFileMode.GroupRead);

    private async Task<(CacheEntry Entry, CacheLease? Lease)> InsertAsync(string sourcePath, string? expectedSha256, bool takeLease, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sourcePath);
        var expected = expectedSha256 is null ? null : ContentDigest.Normalize(expectedSha256);
        if (!File.Exists(sourcePath))
        {
            throw new FileNotFoundException($"{sourcePath}: no such image", sourcePath);
        }

        if (expected is not null && await Store.TryExistingAsync(expected, takeLease, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return (ToEntry(hit.Entry), hit.Lease is { } held ? Wrap(held) : null);
        }

        // Inspect the source where it lies, so a relative backing name resolves against its own directory.
        // A pipe (a download streamed in) cannot be inspected without consuming it: it is taken as a standalone image.
        var backingFile = FileStamp.IsRegularFile(sourcePath) ? await BackingOfAsync(sourcePath, cancellationToken).ConfigureAwait(false) : null;
        var parent = backingFile is null ? null : ResolveBacking(backingFile);
        var source = new FileStream(sourcePath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
        await using (source.ConfigureAwait(false))
        {
            var request = new EntryRequest { ExpectedSha256 = expected, Parent = parent, Mode = CachedMode(sourcePath), Lease = takeLease, SourceName = sourcePath };
            var commit = await Store.AddAsync(source, request, cancellationToken).ConfigureAwait(false);
            return (ToEntry(commit.Entry), commit.Lease is { } held ? Wrap(held) : null);
        }
    }

    /// <summary>Returns the full path of <paramref name="path"/>'s backing file, or null when it stands alone or there is no qemu-img to ask.</summary>
    /// <exception cref="InvalidDataException">qemu-img cannot read the image.</exception>
    private async Task<string?> BackingOfAsync(string path, CancellationToken cancellationToken)
    {
        if (qemuImg is null)
        {
            return null;
        }

        try
        {
            return (await qemuImg.InfoAsync(path, cancellationToken).ConfigureAwait(false)).FullBackingFile;
        }
        catch (ProcessFailedException e)
        {
            throw new InvalidDataException($"{path}: qemu-img info failed: {e.StandardErrorTail}", e);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: qemu-img info printed no JSON: {e.Message}", e);
        }
    }

    /// <summary>Maps the backing file named inside a qcow2 layer to the cached entry holding that content (found by path among the objects, else by hash).</summary>
    private string ResolveBacking(string backingFile)
    {
        var full = Path.GetFullPath(backingFile);
        if (Store.KeyOfObject(full) is { } key)
        {
            return key;
        }

        if (!File.Exists(full))
        {
            throw new InvalidDataException($"backing file {backingFile} does not exist; add the base image to the cache first");
        }

        var hashed = ContentDigest.OfFile(full);
        if (Store.Find(hashed) is null)
        {
            throw new InvalidDataException($"backing file {backingFile} ({CacheId.Prefix}{hashed}) is not in the cache; add the base image first");
        }

        return hashed;
    }
}
