namespace VmMiddleware.Qemu.Cache;

/// <summary>What the launcher needs of the execute-side image cache: lease an entry by id, or add a file and lease it.</summary>
public interface IImageCache
{
    /// <summary>Gets the cache directory, for messages.</summary>
    string Root { get; }

    /// <summary>Leases the entry <paramref name="id"/> and its backing chain after checking their content; false when it is not cached.</summary>
    bool TryGet(string id, out CacheLease lease);

    /// <summary>Copies the file into the cache (a no-op when that content is there), checking it hashes to <paramref name="expectedSha256"/>, and leases it.</summary>
    Task<CacheLease> AddAndLeaseAsync(string sourcePath, string? expectedSha256, CancellationToken cancellationToken);
}
