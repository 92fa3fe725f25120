using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Locking;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Leasing;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store;

/// <summary>Leases, and the content check that precedes a use when the configuration asks for it.</summary>
public sealed partial class ContentStore
{
    /// <summary>Leases <paramref name="key"/> and its whole chain (touching them); with <see cref="Configuration.StoreOptions.VerifyOnLease"/> their content is checked first.</summary>
    /// <remarks>
    /// A file whose (device, inode, size, mtime, ctime) still match its last good check is trusted, any other is hashed again;
    /// a corrupt entry is removed together with every entry built on it, logged, and the lease is refused.
    /// </remarks>
    /// <param name="key">The entry to lease.</param>
    /// <returns>The lease (dispose it when done), or null when the entry is absent, incomplete or corrupt.</returns>
    public StoreLease? TryLease(string key)
    {
        if (!IsKey(key))
        {
            return null;
        }

        StoreLease? held;
        using (LockStore())
        {
            held = LeaseLocked(key);
        }

        if (held is null || !Options.VerifyOnLease)
        {
            return held;
        }

        // Hashing happens outside the store lock: the lease already keeps the chain from eviction.
        var fresh = new Dictionary<string, FileStamp>(StringComparer.Ordinal);
        foreach (var entry in held.Chain)
        {
            if (!Verify(entry, out var stamp, out var actual))
            {
                held.Dispose();
                RemoveCorrupt(entry.Key, actual);
                return null;
            }

            if (stamp is { } checkedNow)
            {
                fresh[entry.Key] = checkedNow;
            }
        }

        if (fresh.Count > 0)
        {
            RecordVerified(fresh);
        }

        return held;
    }

    /// <summary>Takes shared leases on <paramref name="key"/> and every entry below it and touches them; runs under the store lock, so no evictor holds them.</summary>
    internal StoreLease? LeaseLocked(string key)
    {
        var chain = new List<StoreEntry>();
        var locks = new List<FileLock>();
        var now = Options.Time.GetUtcNow();
        for (string? current = key; current is not null; current = chain[^1].Parent)
        {
            var (entry, _) = ReadEntry(current);
            if (entry is null || !File.Exists(entry.ObjectPath) || chain.Count >= MaxChainLength)
            {
                locks.ForEach(l => l.Dispose());
                return null;
            }

            locks.Add(FileLock.Acquire(LeaseLockPath(current), new FileLockOptions { Exclusive = false, Timeout = Options.LockTimeout }));
            chain.Add(entry with { InUse = true, LastUsedUtc = now });
        }

        foreach (var entry in chain)
        {
            SetLastUse(entry.Key, now.UtcDateTime);
        }

        return new StoreLease(chain, locks);
    }

    /// <summary>Checks one entry's content; <paramref name="fresh"/> is set when a full hash was needed and matched.</summary>
    private static bool Verify(StoreEntry entry, out FileStamp? fresh, out string actual)
    {
        fresh = null;
        actual = ContentDigest.Show(entry.Sha256);
        FileStamp before;
        try
        {
            before = FileStamp.Of(entry.ObjectPath);
        }
        catch (FileNotFoundException)
        {
            actual = "nothing (the object file is missing)";
            return false;
        }

        if (entry.Verified == before)
        {
            return true;
        }

        var hashed = ContentDigest.OfFile(entry.ObjectPath);
        actual = ContentDigest.Show(hashed);
        if (hashed != entry.Sha256)
        {
            return false;
        }

        fresh = before;
        return true;
    }

    private void RecordVerified(Dictionary<string, FileStamp> verified)
    {
        using var guard = LockStore();
        var wasClean = BeginChange();
        foreach (var (key, stamp) in verified)
        {
            var (entry, record) = ReadEntry(key);
            if (entry is not null && record is not null && record.Verified != stamp)
            {
                WriteRecord(key, record with { Verified = stamp }, entry.LastUsedUtc);
            }
        }

        EndChange(wasClean);
    }

    /// <summary>Removes a corrupt entry and every entry built on it, whoever holds them: their content is wrong for everyone.</summary>
    private void RemoveCorrupt(string key, string actual)
    {
        using var guard = LockStore();
        var entries = ReadAll();
        if (!entries.ContainsKey(key))
        {
            return;
        }

        var doomed = DependantsFirst(entries, key);
        var wasClean = BeginChange();
        foreach (var victim in doomed)
        {
            DeleteEntryLocked(entries[victim]);
        }

        DurableFile.SyncDirectory(EntriesDirectory);
        EndChange(wasClean);

        StoreLog.CorruptEntryRemoved(Options.Logger, Root, Show(key), actual, doomed.Count - 1);
    }
}
