using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Locking;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Eviction;
using VmMiddleware.Store.Faults;

namespace VmMiddleware.Store;

/// <summary>Eviction: least recently used first, never a leased, pinned or in-production entry, never a parent before its layers.</summary>
public sealed partial class ContentStore
{
    /// <summary>Evicts least-recently-used entries until the objects fit in <paramref name="capBytes"/>.</summary>
    /// <remarks>Only leaves go (entries nothing is built on), so a parent goes only after all its layers; leased, pinned and in-production entries are skipped, and so is everything below them.</remarks>
    /// <param name="capBytes">The size cap in bytes.</param>
    /// <returns>The keys evicted, in order.</returns>
    public IReadOnlyList<string> Trim(long capBytes)
    {
        using var guard = LockStore();
        var wasClean = BeginChange();
        var evicted = TrimLocked(capBytes, exclude: null);
        if (evicted.Count > 0)
        {
            DurableFile.SyncDirectory(EntriesDirectory);
        }

        EndChange(wasClean);
        return evicted;
    }

    /// <summary>Removes <paramref name="key"/> and every entry built on it, or nothing when one of them is pinned, leased or in production.</summary>
    /// <returns>What was removed (dependants first), or why nothing was.</returns>
    public RemovalResult Remove(string key)
    {
        if (!IsKey(key))
        {
            return new RemovalResult(RemovalStatus.NotFound, key, []);
        }

        using var guard = LockStore();
        var entries = ReadAll();
        if (!entries.ContainsKey(key))
        {
            return new RemovalResult(RemovalStatus.NotFound, key, []);
        }

        var doomed = DependantsFirst(entries, key);
        if (doomed.FirstOrDefault(victim => entries[victim].Pinned) is { } pinned)
        {
            return new RemovalResult(RemovalStatus.Pinned, pinned, []);
        }

        var claims = new List<FileLock>();
        try
        {
            foreach (var victim in doomed)
            {
                if (!TryClaim(victim, claims))
                {
                    return new RemovalResult(RemovalStatus.InUse, victim, []);
                }
            }

            var wasClean = BeginChange();
            foreach (var victim in doomed)
            {
                DeleteEntryLocked(entries[victim]);
            }

            DurableFile.SyncDirectory(EntriesDirectory);
            EndChange(wasClean);
            return new RemovalResult(RemovalStatus.Removed, null, doomed);
        }
        finally
        {
            claims.ForEach(c => c.Dispose());
        }
    }

    /// <summary>The trimming loop; runs under the store lock, where no commit adds a layer and no lease starts. The caller fsyncs the entries directory when something was evicted.</summary>
    private List<string> TrimLocked(long capBytes, string? exclude)
    {
        var entries = ReadAll();
        var evicted = new List<string>();
        var total = entries.Values.Sum(e => e.Size);
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        while (total > capBytes)
        {
            var parents = entries.Values.Select(e => e.Parent).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var victim = entries.Values
                .Where(e => !e.Pinned && e.Key != exclude && !parents.Contains(e.Key) && !skipped.Contains(e.Key))
                .OrderBy(e => e.LastUsedUtc).ThenBy(e => e.Key, StringComparer.Ordinal)
                .FirstOrDefault();
            if (victim is null)
            {
                break;
            }

            var claims = new List<FileLock>();
            try
            {
                if (!TryClaim(victim.Key, claims))
                {
                    skipped.Add(victim.Key);
                    continue;
                }

                DeleteEntryLocked(victim);
            }
            finally
            {
                claims.ForEach(c => c.Dispose());
            }

            entries.Remove(victim.Key);
            total -= victim.Size;
            evicted.Add(victim.Key);
            var shown = Show(victim.Key);
            StoreLog.Evicted(Options.Logger, Root, shown, victim.Size, victim.LastUsedUtc);
        }

        return evicted;
    }

    /// <summary>Takes what an eviction needs: the entry's lease lock exclusively (so nobody leases it) and its producer lock (so no producer is at work on it).</summary>
    private bool TryClaim(string key, List<FileLock> claims)
    {
        if (FileLock.TryAcquire(LeaseLockPath(key), exclusive: true) is not { } lease)
        {
            return false;
        }

        claims.Add(lease);

        // A producer lock file exists only where someone produced the key; one that was never made is never held.
        if (File.Exists(MakeLockPath(key)))
        {
            if (FileLock.TryAcquire(MakeLockPath(key)) is not { } make)
            {
                return false;
            }

            claims.Add(make);
        }

        return true;
    }

    /// <summary>Deletes an entry: the object first (the removal's commit point: recovery drops an entry file without its object), then the entry file, its attachments and its lease file. Runs under the store lock.</summary>
    private void DeleteEntryLocked(StoreEntry entry)
    {
        File.Delete(entry.ObjectPath);
        Crash(CrashPoints.RemoveObjectDeleted);
        File.Delete(EntryPath(entry.Key));
        DeleteAttachments(entry.Key);

        // Safe under the store lock: every lease starts under it, so nobody is between opening this file and locking it.
        File.Delete(LeaseLockPath(entry.Key));
        Crash(CrashPoints.RemoveEntryRemoved);
    }

    private void DeleteAttachments(string key)
    {
        foreach (var attachment in Options.Layout.Attachments)
        {
            File.Delete(Path.Combine(Root, attachment.Replace("{key}", key, StringComparison.Ordinal)));
        }
    }

    /// <summary>Returns <paramref name="key"/> and every entry whose chain reaches it, ordered so that every entry comes before its parent.</summary>
    private static List<string> DependantsFirst(Dictionary<string, StoreEntry> entries, string key)
    {
        var found = new List<string> { key };
        for (var i = 0; i < found.Count; i++)
        {
            foreach (var entry in entries.Values)
            {
                if (entry.Parent == found[i] && !found.Contains(entry.Key))
                {
                    found.Add(entry.Key);
                }
            }
        }

        found.Reverse();
        return found;
    }
}
