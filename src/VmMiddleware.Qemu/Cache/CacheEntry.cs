namespace VmMiddleware.Qemu.Cache;

/// <summary>One image held by the cache, as listed; <see cref="Path"/> is only safe to open while a lease is held.</summary>
/// <param name="Id">The content id, <c>sha256:&lt;hex&gt;</c>.</param>
/// <param name="Path">The absolute path of the read-only object file.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="LastUsed">When the entry was last added or leased.</param>
/// <param name="Backing">The id of the entry this qcow2 layer is based on, or null for a standalone image.</param>
/// <param name="Pinned">Whether trimming leaves the entry alone whatever its age.</param>
/// <param name="InUse">Whether a launcher held a lease on it when it was listed.</param>
public sealed record CacheEntry(string Id, string Path, long Size, DateTimeOffset LastUsed, string? Backing, bool Pinned, bool InUse);
