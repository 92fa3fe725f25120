using VmMiddleware.Host.Locking;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Eviction: least recently used first, never a leased or pinned entry, never a base without its layers.</summary>
public sealed partial class ImageCache
{
    /// <summary>Removes <paramref name="id"/> together with every layer built on it.</summary>
    /// <returns>The ids removed, dependants first.</returns>
    /// <exception cref="KeyNotFoundException">The entry is not cached.</exception>
    /// <exception cref="InvalidOperationException">The entry or one of its dependants is leased or pinned; nothing is removed.</exception>
    public IReadOnlyList<string> Evict(string id)
    {
        var normal = CacheId.Normalize(id);
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        if (!index.Entries.ContainsKey(normal))
        {
            throw new KeyNotFoundException($"{normal} is not in the image cache");
        }

        var doomed = Dependants(index, normal);
        doomed.Reverse();
        if (doomed.FirstOrDefault(victim => index.Entries[victim].Pinned) is { } pinned)
        {
            throw new InvalidOperationException(pinned == normal
                ? $"{normal} is pinned; unpin it first to evict it"
                : $"{pinned} is pinned and built on {normal}; unpin it first to evict {normal}");
        }

        var held = new List<FileLock>();
        try
        {
            foreach (var victim in doomed)
            {
                var exclusive = FileLock.TryAcquire(LeasePath(victim), exclusive: true)
                    ?? throw new InvalidOperationException($"{victim} is in use by a running launcher; not evicting {normal}");
                held.Add(exclusive);
            }

            foreach (var victim in doomed)
            {
                Remove(index, victim);
            }

            CacheIndex.Save(IndexPath, index);
            return doomed;
        }
        finally
        {
            held.ForEach(l => l.Dispose());
        }
    }

    /// <summary>Evicts least-recently-used entries until the cache holds at most <paramref name="capBytes"/> (default: the cache's cap).</summary>
    /// <returns>The ids evicted, in eviction order.</returns>
    public IReadOnlyList<string> Trim(long? capBytes = null)
    {
        using var guard = LockIndex();
        var index = CacheIndex.Load(IndexPath);
        var evicted = TrimLocked(index, capBytes ?? CapBytes, exclude: null);
        if (evicted.Count > 0)
        {
            CacheIndex.Save(IndexPath, index);
        }

        return evicted;
    }

    /// <summary>Gets the total size of all cached objects in bytes.</summary>
    public long TotalBytes()
    {
        using var guard = LockIndex();
        return CacheIndex.Load(IndexPath).Entries.Values.Sum(r => r.Size);
    }

    /// <summary>
    /// The trimming loop; runs under the index lock. Only leaves of the layer graph are candidates, so
    /// a base goes only after all its layers have gone; leased entries are skipped (their exclusive
    /// lease lock cannot be had), and so is their whole chain, which they lease too.
    /// </summary>
    private List<string> TrimLocked(CacheIndexDocument index, long capBytes, string? exclude)
    {
        var evicted = new List<string>();
        var total = index.Entries.Values.Sum(r => r.Size);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        while (total > capBytes)
        {
            var parents = index.Entries.Values.Select(r => r.Backing).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var candidate = index.Entries
                .Where(e => !e.Value.Pinned && e.Key != exclude && !parents.Contains(e.Key) && !skipped.Contains(e.Key))
                .OrderBy(e => e.Value.LastUsedMs).ThenBy(e => e.Key, StringComparer.Ordinal)
                .Select(e => e.Key)
                .FirstOrDefault();
            if (candidate is null)
            {
                break;
            }

            using var exclusive = FileLock.TryAcquire(LeasePath(candidate), exclusive: true);
            if (exclusive is null)
            {
                skipped.Add(candidate);
                continue;
            }

            total -= index.Entries[candidate].Size;
            Remove(index, candidate);
            evicted.Add(candidate);
        }

        return evicted;
    }

    private void Remove(CacheIndexDocument index, string id)
    {
        var record = index.Entries[id];
        index.Entries.Remove(id);
        DeleteObject(id);
        ImageCacheLog.Evicted(logger, id, record.Size, record.LastUsedMs);
    }

    /// <summary>Deletes the object and its lease file; runs under the index lock, where no new lease can start.</summary>
    private void DeleteObject(string id)
    {
        File.Delete(ObjectPath(id));
        File.Delete(LeasePath(id));
    }

    /// <summary>Gets <paramref name="id"/> followed by every entry whose chain reaches it (parents before their layers).</summary>
    private static List<string> Dependants(CacheIndexDocument index, string id)
    {
        var result = new List<string> { id };
        for (var i = 0; i < result.Count; i++)
        {
            foreach (var (child, record) in index.Entries)
            {
                if (record.Backing == result[i] && !result.Contains(child))
                {
                    result.Add(child);
                }
            }
        }

        return result;
    }
}
