using System.Security.Cryptography;
using VmMiddleware.Host.Locking;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Leases and the verification that precedes every use.</summary>
public sealed partial class ImageCache
{
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
        if (!CacheId.TryNormalize(id, out var normal))
        {
            return false;
        }

        CacheLease? held;
        using (LockIndex())
        {
            var index = CacheIndex.Load(IndexPath);
            held = LeaseChain(index, normal);
            if (held is null)
            {
                return false;
            }

            var now = NowMs();
            foreach (var entry in held.Chain)
            {
                index.Entries[entry.Id].LastUsedMs = now;
            }

            CacheIndex.Save(IndexPath, index);
        }

        // Hashing happens outside the index lock: the lease already keeps the chain from eviction.
        var verified = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var entry in held.Chain)
        {
            if (!Verify(entry, out var stamp, out var actual))
            {
                held.Dispose();
                RemoveCorrupt(entry.Id, actual);
                return false;
            }

            if (stamp is { } fresh)
            {
                verified[entry.Id] = fresh;
            }
        }

        if (verified.Count > 0)
        {
            RecordVerified(verified);
        }

        lease = held;
        return true;
    }

    /// <summary>Checks one entry's content; <paramref name="fresh"/> is set when a full hash was needed and succeeded.</summary>
    private bool Verify(CacheEntry entry, out FileStamp? fresh, out string actual)
    {
        fresh = null;
        actual = entry.Id;
        FileStamp before;
        try
        {
            before = FileStamp.Of(entry.Path);
        }
        catch (FileNotFoundException)
        {
            actual = "nothing (the object file is missing)";
            return false;
        }

        if (RecordedStamp(entry.Id) == before)
        {
            return true;
        }

        using (var input = new FileStream(entry.Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1 << 20, FileOptions.SequentialScan))
        {
            actual = CacheId.FromDigest(SHA256.HashData(input));
        }

        if (actual != entry.Id)
        {
            return false;
        }

        fresh = before;
        return true;
    }

    private FileStamp? RecordedStamp(string id)
    {
        using var guard = LockIndex();
        return CacheIndex.Load(IndexPath).Entries.TryGetValue(id, out var record) ? record.Verified : null;
    }

    private void RecordVerified(Dictionary<string, FileStamp> verified)
    {
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        foreach (var (id, stamp) in verified)
        {
            if (index.Entries.TryGetValue(id, out var record))
            {
                record.Verified = stamp;
            }
        }

        CacheIndex.Save(IndexPath, index);
    }

    /// <summary>Takes shared leases on <paramref name="id"/> and every entry below it; runs under the index lock, so no evictor holds them.</summary>
    private CacheLease? LeaseChain(CacheIndexDocument index, string id)
    {
        var chain = new List<CacheEntry>();
        var locks = new List<FileLock>();
        var current = id;
        while (current is not null)
        {
            if (!index.Entries.TryGetValue(current, out var record) || !File.Exists(ObjectPath(current)) || chain.Count > 64)
            {
                locks.ForEach(l => l.Dispose());
                return null;
            }

            locks.Add(FileLock.Acquire(LeasePath(current), new FileLockOptions { Exclusive = false, Timeout = IndexLockTimeout }));
            chain.Add(ToEntry(current, record, inUse: true));
            current = record.Backing;
        }

        return new CacheLease(chain, locks);
    }

    /// <summary>Removes a corrupt object and every layer built on it, whoever holds them: their content is wrong for everyone.</summary>
    private void RemoveCorrupt(string id, string actual)
    {
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        var doomed = Dependants(index, id);
        foreach (var victim in doomed)
        {
            index.Entries.Remove(victim);
            DeleteObject(victim);
        }

        CacheIndex.Save(IndexPath, index);
        ImageCacheLog.CorruptEntryRemoved(logger, id, actual, doomed.Count - 1);
    }
}
