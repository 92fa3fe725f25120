using System.Security.Cryptography;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Host.Locking;

namespace VmMiddleware.Qemu.Tests.Storage;

/// <summary>An in-memory stand-in for the image cache: entries are files in a temporary directory, leases are real shared flocks on per-entry lock files.</summary>
internal sealed class FakeImageCache : IImageCache, IDisposable
{
    private readonly Dictionary<string, (string Path, string? Backing)> _entries = new(StringComparer.Ordinal);

    public FakeImageCache() => Root = Directory.CreateTempSubdirectory("vmgrid-fake-cache-").FullName;

    public string Root { get; }

    public int Adds { get; private set; }

    public int Gets { get; private set; }

    public IReadOnlyCollection<string> Ids => _entries.Keys;

    /// <summary>Puts content into the fake as if an earlier run had cached it; returns its id.</summary>
    public string Seed(byte[] content, string? backing = null)
    {
        var id = CacheId.FromDigest(SHA256.HashData(content));
        var path = System.IO.Path.Combine(Root, CacheId.Normalize(id)[7..]);
        File.WriteAllBytes(path, content);
        _entries[id] = (path, backing);
        return id;
    }

    /// <summary>Tells whether some lease on <paramref name="id"/> is held.</summary>
    public bool IsLeased(string id)
    {
        using var probe = FileLock.TryAcquire(LockPath(id), exclusive: true);
        return probe is null;
    }

    public bool TryGet(string id, out CacheLease lease)
    {
        Gets++;
        lease = null!;
        if (!CacheId.TryNormalize(id, out var normal) || !_entries.ContainsKey(normal))
        {
            return false;
        }

        var chain = new List<CacheEntry>();
        var locks = new List<FileLock>();
        for (string? current = normal; current is not null; current = _entries[current].Backing)
        {
            chain.Add(new CacheEntry(current, _entries[current].Path, new FileInfo(_entries[current].Path).Length, DateTimeOffset.UnixEpoch, _entries[current].Backing, false, true));
            locks.Add(FileLock.TryAcquire(LockPath(current), exclusive: false)!);
        }

        lease = new CacheLease(chain, locks);
        return true;
    }

    public Task<CacheLease> AddAndLeaseAsync(string sourcePath, string? expectedSha256, CancellationToken cancellationToken)
    {
        Adds++;
        var content = File.ReadAllBytes(sourcePath);
        var id = CacheId.FromDigest(SHA256.HashData(content));
        if (expectedSha256 is not null && CacheId.Normalize(expectedSha256) != id)
        {
            throw new InvalidDataException($"{sourcePath}: content is {id}, expected {expectedSha256}");
        }

        var backing = VmMiddleware.Qemu.Storage.ImageHeader.Read(sourcePath).BackingFile is { } file
            ? CacheId.FromDigest(SHA256.HashData(File.ReadAllBytes(file)))
            : null;
        Seed(content, backing);
        Assert.IsTrue(TryGet(id, out var lease));
        Gets--;
        return Task.FromResult(lease);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private string LockPath(string id) => System.IO.Path.Combine(Root, CacheId.Normalize(id)[7..] + ".lock");
}
