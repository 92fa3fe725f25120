using Microsoft.Extensions.Logging;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Store;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Eviction;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Qemu.Cache;

/// <summary>
/// The execute-side image cache: one content-addressed store per host, shared by concurrent launchers; a configuration of
/// <see cref="ContentStore"/> whose keys are the images' SHA-256, whose qcow2 layers record their base (their bytes are never
/// rewritten), whose content is checked before every use, and which trims itself to a size cap on every insert.
/// Layout under the root: <c>objects/ab/cdef…</c>, <c>entries/HEX.json</c>, <c>locks/</c>, <c>tmp/</c> (src/VmMiddleware.Store/README.md).
/// </summary>
public sealed partial class ImageCache : IImageCache
{
    /// <summary>The default size cap in bytes (20 GiB).</summary>
    public const long DefaultCapBytes = 20L << 30;

    private readonly QemuImg? qemuImg;

    private ImageCache(ContentStore store, QemuImg? qemuImg)
    {
        Store = store;
        this.qemuImg = qemuImg;
    }

    /// <summary>Gets the absolute cache directory.</summary>
    public string Root => Store.Root;

    /// <summary>Gets the size cap in bytes that inserts trim the cache down to.</summary>
    public long CapBytes => Store.Options.CapBytes ?? DefaultCapBytes;

    /// <summary>Gets what the crash recovery done by <see cref="OpenAsync(string, long, TimeProvider, QemuImg?, ILogger?, CancellationToken)"/> found and repaired.</summary>
    public CacheRecoveryReport Recovery => new(Store.Recovery.TemporariesRemoved, Store.Recovery.ObjectsAdopted, Store.Recovery.EntriesDropped);

    /// <summary>Gets the store this cache configures.</summary>
    internal ContentStore Store { get; }

    /// <summary>Returns the image cache's directory under a cache root (the launcher's <see cref="Launch.LaunchOptions.CacheRoot"/>).</summary>
    /// <param name="cacheRoot">The cache root.</param>
    public static string RootUnder(string cacheRoot) => Path.Combine(cacheRoot, "images");

    /// <summary>Returns the store configuration of an image cache (see <see cref="OpenAsync(string, long, TimeProvider, QemuImg?, ILogger?, CancellationToken)"/> for the parameters).</summary>
    public static StoreOptions Configuration(string root, long capBytes, TimeProvider time, QemuImg? qemuImg = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfNegative(capBytes);
        ArgumentNullException.ThrowIfNull(time);
        var options = new StoreOptions
        {
            Root = root, Keys = KeyKind.ContentSha256, Chains = ChainMode.Recorded, CapBytes = capBytes, VerifyOnLease = true, QemuImg = qemuImg, Time = time,
        };
        return logger is null ? options : options with { Logger = logger };
    }

    /// <summary>Opens (creating if needed) the cache at <paramref name="root"/>, removing what crashed inserts left behind, without blocking a thread while recovery asks qemu-img for a lost entry's parent.</summary>
    /// <param name="root">The cache directory.</param>
    /// <param name="capBytes">The size cap in bytes; inserts evict least-recently-used unpinned entries above it.</param>
    /// <param name="time">The clock that stamps use times.</param>
    /// <param name="qemuImg">Tells backing files of qcow2 layers (<c>qemu-img info</c>); null treats every image as standalone (and leaves a layer whose entry was lost for a later open that has qemu-img).</param>
    /// <param name="logger">Receives reports of removed corrupt entries, evictions and repairs.</param>
    /// <param name="cancellationToken">Stops recovery's qemu-img runs.</param>
    /// <returns>The open cache.</returns>
    public static Task<ImageCache> OpenAsync(string root, long capBytes, TimeProvider time, QemuImg? qemuImg = null, ILogger? logger = null, CancellationToken cancellationToken = default) =>
        OpenAsync(Configuration(root, capBytes, time, qemuImg, logger), cancellationToken);

    /// <summary>Opens a cache from its store configuration (crash tests adjust it).</summary>
    internal static async Task<ImageCache> OpenAsync(StoreOptions options, CancellationToken cancellationToken = default) =>
        new(await ContentStore.OpenAsync(options, cancellationToken).ConfigureAwait(false), options.QemuImg);

    /// <summary>Lists every entry, least recently used first.</summary>
    public IReadOnlyList<CacheEntry> List() =>
        Store.List(withUse: true).OrderBy(e => e.LastUsedUtc).ThenBy(e => e.Key, StringComparer.Ordinal).Select(ToEntry).ToList();

    /// <summary>Gets the entry with id <paramref name="id"/> (a content id or bare hex digest), or null when it is not cached.</summary>
    public CacheEntry? Find(string id) =>
        ContentDigest.TryNormalize(id, out var hex) && Store.Find(hex, withUse: true) is { } entry ? ToEntry(entry) : null;

    /// <summary>Pins or unpins an entry; trimming never evicts a pinned entry. Returns false when the entry is not cached.</summary>
    public bool SetPinned(string id, bool pinned) => Store.SetPinned(ContentDigest.Normalize(id), pinned);

    /// <summary>
    /// Leases the entry <paramref name="id"/> and its backing chain after checking their content:
    /// a file whose (device, inode, size, mtime, ctime) still match the last good check is trusted,
    /// any other is re-hashed; a corrupt entry is removed (with its dependants), logged, and reported as absent.
    /// </summary>
    /// <param name="id">A content id or hex digest.</param>
    /// <param name="lease">The lease; dispose it when done.</param>
    /// <returns>Whether the entry is cached and intact.</returns>
    public bool TryGet(string id, out CacheLease lease)
    {
        lease = null!;
        if (!ContentDigest.TryNormalize(id, out var hex) || Store.TryLease(hex) is not { } held)
        {
            return false;
        }

        lease = Wrap(held);
        return true;
    }

    /// <summary>Removes <paramref name="id"/> together with every layer built on it.</summary>
    /// <returns>The ids removed, dependants first.</returns>
    /// <exception cref="KeyNotFoundException">The entry is not cached.</exception>
    /// <exception cref="InvalidOperationException">The entry or one of its dependants is leased or pinned; nothing is removed.</exception>
    public IReadOnlyList<string> Evict(string id)
    {
        var normal = CacheId.Normalize(id);
        var result = Store.Remove(CacheId.Hex(normal));
        var blocker = result.Blocker is null ? null : CacheId.Prefix + result.Blocker;
        return result.Status switch
        {
            RemovalStatus.NotFound => throw new KeyNotFoundException($"{normal} is not in the image cache"),
            RemovalStatus.Pinned => throw new InvalidOperationException(blocker == normal
                ? $"{normal} is pinned; unpin it first to evict it"
                : $"{blocker} is pinned and built on {normal}; unpin it first to evict {normal}"),
            RemovalStatus.InUse => throw new InvalidOperationException($"{blocker} is in use by a running launcher; not evicting {normal}"),
            _ => result.Removed.Select(key => CacheId.Prefix + key).ToList(),
        };
    }

    /// <summary>Evicts least-recently-used entries until the cache holds at most <paramref name="capBytes"/> (default: the cache's cap).</summary>
    /// <returns>The ids evicted, in eviction order.</returns>
    public IReadOnlyList<string> Trim(long? capBytes = null) => Store.Trim(capBytes ?? CapBytes).Select(key => CacheId.Prefix + key).ToList();

    /// <summary>Gets the total size of all cached objects in bytes.</summary>
    public long TotalBytes() => Store.TotalBytes();

    private static CacheEntry ToEntry(StoreEntry entry) =>
        new(CacheId.Prefix + entry.Key, entry.ObjectPath, entry.Size, entry.LastUsedUtc, entry.Parent is { } parent ? CacheId.Prefix + parent : null, entry.Pinned, entry.InUse);

    private static CacheLease Wrap(Store.Leasing.StoreLease lease) => new(lease.Chain.Select(ToEntry).ToList(), [lease]);
}
