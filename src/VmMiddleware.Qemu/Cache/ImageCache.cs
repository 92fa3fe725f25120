using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using System.Text.Json;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Locking;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Cache;

/// <summary>
/// The execute-side image cache: one content-addressed directory per host, shared by concurrent
/// launchers. Layout under the root: <c>objects/ab/cdef…</c> (read-only images named by their
/// SHA-256), <c>index.json</c> (sizes, use times, backing relations, verification stamps) guarded by
/// <c>index.lock</c>, <c>leases/&lt;hex&gt;.lock</c> (shared while an entry is in use, exclusive while it
/// is evicted) and <c>tmp/</c> (inserts in progress, each locked by its writer).
/// </summary>
public sealed partial class ImageCache : IImageCache
{
    /// <summary>The default size cap in bytes (20 GiB).</summary>
    public const long DefaultCapBytes = 20L << 30;

    private static readonly TimeSpan IndexLockTimeout = TimeSpan.FromMinutes(2);

    private readonly TimeProvider time;
    private readonly QemuImg? qemuImg;
    private readonly ILogger logger;

    private ImageCache(string root, long capBytes, TimeProvider time, QemuImg? qemuImg, ILogger logger)
    {
        Root = root;
        CapBytes = capBytes;
        this.time = time;
        this.qemuImg = qemuImg;
        this.logger = logger;
    }

    /// <summary>Gets the absolute cache directory.</summary>
    public string Root { get; }

    /// <summary>Gets the size cap in bytes that inserts trim the cache down to.</summary>
    public long CapBytes { get; }

    /// <summary>Gets what the crash recovery done by <see cref="Open"/> found and repaired.</summary>
    public CacheRecoveryReport Recovery { get; private set; } = CacheRecoveryReport.Empty;

    /// <summary>Returns the image cache's directory under a cache root (the launcher's <see cref="Launch.LaunchOptions.CacheRoot"/>).</summary>
    /// <param name="cacheRoot">The cache root.</param>
    public static string RootUnder(string cacheRoot) => Path.Combine(cacheRoot, "images");

    private string ObjectsDir => Path.Combine(Root, "objects");

    private string LeasesDir => Path.Combine(Root, "leases");

    private string TempDir => Path.Combine(Root, "tmp");

    private string IndexPath => Path.Combine(Root, "index.json");

    private string IndexLockPath => Path.Combine(Root, "index.lock");

    /// <summary>Opens (creating if needed) the cache at <paramref name="root"/>, removing what crashed inserts left behind.</summary>
    /// <param name="root">The cache directory.</param>
    /// <param name="capBytes">The size cap in bytes; inserts evict least-recently-used unpinned entries above it.</param>
    /// <param name="time">The clock that stamps use times.</param>
    /// <param name="qemuImg">Tells backing files of qcow2 layers (<c>qemu-img info</c>); null treats every image as standalone.</param>
    /// <param name="logger">Receives reports of removed corrupt entries and stale temporary files.</param>
    public static ImageCache Open(string root, long capBytes, TimeProvider time, QemuImg? qemuImg = null, ILogger? logger = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentOutOfRangeException.ThrowIfNegative(capBytes);
        ArgumentNullException.ThrowIfNull(time);
        var cache = new ImageCache(Path.GetFullPath(root), capBytes, time, qemuImg, logger ?? NullLogger.Instance);
        foreach (var dir in new[] { cache.Root, cache.ObjectsDir, cache.LeasesDir, cache.TempDir })
        {
            Directory.CreateDirectory(dir);
        }

        cache.Recover();
        return cache;
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

    /// <summary>Lists every entry, least recently used first.</summary>
    public IReadOnlyList<CacheEntry> List()
    {
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        return index.Entries
            .OrderBy(e => e.Value.LastUsedMs).ThenBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => ToEntry(e.Key, e.Value, IsLeased(e.Key)))
            .ToList();
    }

    /// <summary>Gets the entry with id <paramref name="id"/> (a content id or bare hex digest), or null when it is not cached.</summary>
    public CacheEntry? Find(string id)
    {
        if (!CacheId.TryNormalize(id, out var normal))
        {
            return null;
        }

        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        return index.Entries.TryGetValue(normal, out var record) ? ToEntry(normal, record, IsLeased(normal)) : null;
    }

    /// <summary>Pins or unpins an entry; trimming never evicts a pinned entry. Returns false when the entry is not cached.</summary>
    public bool SetPinned(string id, bool pinned)
    {
        var normal = CacheId.Normalize(id);
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        if (!index.Entries.TryGetValue(normal, out var record))
        {
            return false;
        }

        record.Pinned = pinned;
        CacheIndex.Save(IndexPath, index);
        return true;
    }

    /// <summary>Gets the object path an id is stored under.</summary>
    internal string ObjectPath(string id)
    {
        var hex = CacheId.Hex(id);
        return Path.Combine(ObjectsDir, hex[..2], hex[2..]);
    }

    internal string LeasePath(string id) => Path.Combine(LeasesDir, CacheId.Hex(id) + ".lock");

    private FileLock LockIndex() => FileLock.Acquire(IndexLockPath, new FileLockOptions { Timeout = IndexLockTimeout });

    private Task<FileLock> LockIndexAsync(CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(IndexLockPath, new FileLockOptions { Timeout = IndexLockTimeout }, cancellationToken);

    /// <summary>Tells whether some launcher holds a lease; only meaningful under the index lock.</summary>
    private bool IsLeased(string id)
    {
        using var probe = FileLock.TryAcquire(LeasePath(id), exclusive: true);
        return probe is null;
    }

    private CacheEntry ToEntry(string id, IndexRecord record, bool inUse) =>
        new(id, ObjectPath(id), record.Size, DateTimeOffset.FromUnixTimeMilliseconds(record.LastUsedMs), record.Backing, record.Pinned, inUse);

    private long NowMs() => time.GetUtcNow().ToUnixTimeMilliseconds();
}
