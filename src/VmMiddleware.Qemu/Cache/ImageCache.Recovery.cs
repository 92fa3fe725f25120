using VmMiddleware.Host.Locking;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Crash recovery, run by <see cref="Open"/> under the index lock.</summary>
public sealed partial class ImageCache
{
    private void Recover()
    {
        using var guard = LockIndex();
        var removed = RemoveStaleTempFiles();
        var index = CacheIndex.Load(IndexPath);
        var adopted = 0;
        var dropped = 0;

        // An object renamed into place whose index update was lost (a kill between the two steps):
        // adopt it unverified; it is hashed before its first use.
        foreach (var file in Directory.EnumerateFiles(ObjectsDir, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(ObjectsDir, file).Replace("/", string.Empty, StringComparison.Ordinal);
            if (!CacheId.TryNormalize(rel, out var id) || ObjectPath(id) != file || index.Entries.ContainsKey(id))
            {
                continue;
            }

            var info = new FileInfo(file);
            index.Entries[id] = new IndexRecord
            {
                Size = info.Length,
                LastUsedMs = new DateTimeOffset(info.LastWriteTimeUtc).ToUnixTimeMilliseconds(),
                Backing = AdoptedBacking(file),
            };
            adopted++;
        }

        // Entries whose object vanished, and layers whose base is gone, cannot be used.
        bool changed;
        do
        {
            changed = false;
            foreach (var (id, record) in index.Entries.ToList())
            {
                var reason = !File.Exists(ObjectPath(id)) ? "object file missing"
                    : record.Backing is not null && !index.Entries.ContainsKey(record.Backing) ? "backing entry " + record.Backing + " missing"
                    : null;
                if (reason is not null)
                {
                    index.Entries.Remove(id);
                    DeleteObject(id);
                    ImageCacheLog.EntryDropped(logger, id, reason);
                    dropped++;
                    changed = true;
                }
            }
        }
        while (changed);

        if (adopted > 0 || dropped > 0 || !File.Exists(IndexPath))
        {
            CacheIndex.Save(IndexPath, index);
        }

        // Index writes are made under the index lock, which recovery holds: any temporary left is a killed writer's.
        // (The bare ".tmp" is the fixed name earlier versions used.)
        File.Delete(IndexPath + ".tmp");
        foreach (var stale in Directory.EnumerateFiles(Root, DurableFile.TemporaryPattern(IndexPath)).ToList())
        {
            File.Delete(stale);
        }
        Recovery = new CacheRecoveryReport(removed, adopted, dropped);
    }

    /// <summary>Deletes temporary files that no live writer holds (a writer keeps an exclusive flock until its rename).</summary>
    private int RemoveStaleTempFiles()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(TempDir))
        {
            using var probe = FileLock.TryAcquire(file, exclusive: true);
            if (probe is null)
            {
                continue;
            }

            File.Delete(file);
            ImageCacheLog.StaleTempRemoved(logger, file);
            removed++;
        }

        return removed;
    }

    private string? AdoptedBacking(string file)
    {
        try
        {
            // Recovery runs inside the synchronous Open; qemu-img info is a short process start.
            var backing = BackingOfAsync(file, CancellationToken.None).GetAwaiter().GetResult();
            return backing is null ? null : ResolveBackingForRecovery(backing);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    /// <summary>Maps a backing file to an id without taking the index lock (recovery already holds it).</summary>
    private string ResolveBackingForRecovery(string backingFile)
    {
        var full = Path.GetFullPath(backingFile);
        var rel = Path.GetRelativePath(ObjectsDir, full).Replace("/", string.Empty, StringComparison.Ordinal);
        if (CacheId.TryNormalize(rel, out var id))
        {
            return id;
        }

        if (!File.Exists(full))
        {
            // Not an id: the entry is dropped below because no entry has this name.
            return "missing:" + full;
        }

        using var input = File.OpenRead(full);
        return CacheId.FromDigest(System.Security.Cryptography.SHA256.HashData(input));
    }
}
