using System.Buffers;
using System.Text.Json;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Locking;
using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store;

/// <summary>Reading entries, last-use times and pins: entry files are replaced whole, so reading needs no lock.</summary>
public sealed partial class ContentStore
{
    private const int MaxChainLength = 64;

    /// <summary>The first read of an entry file: larger than any entry a configuration writes today (a factory manifest is about 2 KiB).</summary>
    private const int EntryReadSize = 16 << 10;

    /// <summary>Returns the committed entry <paramref name="key"/>, or null (also for a string that is not a key).</summary>
    /// <param name="key">The key.</param>
    /// <param name="withUse">Whether to tell whether a lease on it is held (takes the store lock briefly).</param>
    public StoreEntry? Find(string key, bool withUse = false)
    {
        if (!IsKey(key))
        {
            return null;
        }

        if (!withUse)
        {
            return ReadEntry(key).Entry;
        }

        using var guard = LockStore();
        return ReadEntry(key).Entry is { } entry ? entry with { InUse = IsLeased(key) } : null;
    }

    /// <summary>Lists every committed entry (in no particular order).</summary>
    /// <param name="withUse">Whether to tell, for each entry, whether a lease on it is held (takes the store lock briefly).</param>
    public IReadOnlyList<StoreEntry> List(bool withUse = false)
    {
        if (!withUse)
        {
            return ReadAll().Values.ToList();
        }

        using var guard = LockStore();
        return ReadAll().Values.Select(e => e with { InUse = IsLeased(e.Key) }).ToList();
    }

    /// <summary>Returns <paramref name="key"/>'s entry followed by the entries below it (top first, base last); empty when there is no such entry, shorter when a parent is missing.</summary>
    public IReadOnlyList<StoreEntry> Chain(string key)
    {
        var chain = new List<StoreEntry>();
        for (var current = Find(key); current is not null && chain.Count < MaxChainLength; current = current.Parent is { } parent ? Find(parent) : null)
        {
            chain.Add(current);
        }

        return chain;
    }

    /// <summary>Returns the bytes all committed objects occupy (their sizes as committed).</summary>
    public long TotalBytes() => ReadAll().Values.Sum(e => e.Size);

    /// <summary>Marks <paramref name="key"/> and its ancestors as used now (a parent stays at least as recent as its layers).</summary>
    public void Touch(string key)
    {
        var now = Options.Time.GetUtcNow().UtcDateTime;
        foreach (var entry in Chain(key))
        {
            SetLastUse(entry.Key, now);
        }
    }

    /// <summary>Pins or unpins <paramref name="key"/>; eviction never takes a pinned entry, and so none below it.</summary>
    /// <returns>False when there is no such entry.</returns>
    public bool SetPinned(string key, bool pinned)
    {
        if (!IsKey(key))
        {
            return false;
        }

        using var guard = LockStore();
        var (entry, record) = ReadEntry(key);
        if (entry is null || record is null)
        {
            return false;
        }

        if (record.Pinned != pinned)
        {
            var wasClean = BeginChange();
            WriteRecord(key, record with { Pinned = pinned }, entry.LastUsedUtc);
            EndChange(wasClean);
        }

        return true;
    }

    /// <summary>Reads every entry file that is a committed entry of this store, by key.</summary>
    internal Dictionary<string, StoreEntry> ReadAll()
    {
        var entries = new Dictionary<string, StoreEntry>(StringComparer.Ordinal);
        foreach (var key in EntryKeysOnDisk())
        {
            if (ReadEntry(key).Entry is { } entry)
            {
                entries[key] = entry;
            }
        }

        return entries;
    }

    /// <summary>The keys of the entry files present (readable or not).</summary>
    internal IEnumerable<string> EntryKeysOnDisk() =>
        Directory.EnumerateFiles(EntriesDirectory, "*.json")
            .Select(Path.GetFileName)
            .Where(name => !name!.StartsWith('.'))
            .Select(name => name![..^".json".Length])
            .Where(IsKey);

    /// <summary>Reads <paramref name="key"/>'s entry file: the entry and its record, both null when absent or unreadable.</summary>
    internal (StoreEntry? Entry, EntryRecord? Record) ReadEntry(string key)
    {
        var (record, lastUse, _) = ReadRecordFile(key);
        return record is null ? (null, null) : (ToEntry(record, lastUse), record);
    }

    /// <summary>Reads an entry file; <c>Unreadable</c> is true when it exists but is not a record of this key in the store's format.</summary>
    /// <remarks>One open, one stat, one read and a parse of the bytes: an open reads every entry file, so this is the store's hottest file access.</remarks>
    internal (EntryRecord? Record, DateTimeOffset LastUse, bool Unreadable) ReadRecordFile(string key)
    {
        byte[]? buffer = null;
        try
        {
            using var handle = File.OpenHandle(EntryPath(key), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            var lastUse = new DateTimeOffset(File.GetLastWriteTimeUtc(handle), TimeSpan.Zero);
            buffer = ArrayPool<byte>.Shared.Rent(EntryReadSize);
            var length = 0;
            int read;
            while ((read = RandomAccess.Read(handle, buffer.AsSpan(length), length)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan().CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            var record = JsonSerializer.Deserialize(buffer.AsSpan(0, length), StoreJsonContext.Default.EntryRecord);
            var valid = record is { Version: EntryRecord.CurrentVersion } && record.Key == key && (record.Parent is null || IsKey(record.Parent));
            return valid ? (record, lastUse, false) : (null, default, true);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return (null, default, false);
        }
        catch (JsonException)
        {
            return (null, default, true);
        }
        finally
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }
    }

    /// <summary>Writes <paramref name="key"/>'s entry file atomically (the commit point of an entry) and sets its last use.</summary>
    /// <param name="key">The entry's key.</param>
    /// <param name="record">The record.</param>
    /// <param name="lastUse">The last use to give it (the file's modification time).</param>
    /// <param name="syncDirectory">False when the caller fsyncs the entries directory itself before it reports the change (one fsync for a commit and its trim).</param>
    internal void WriteRecord(string key, EntryRecord record, DateTimeOffset lastUse, bool syncDirectory = true)
    {
        var path = EntryPath(key);
        DurableFile.Write(path, stream => JsonSerializer.Serialize(stream, record, StoreJsonContext.Default.EntryRecord), syncDirectory);
        File.SetLastWriteTimeUtc(path, lastUse.UtcDateTime);
    }

    internal StoreEntry ToEntry(EntryRecord record, DateTimeOffset lastUse, bool inUse = false) => new()
    {
        Key = record.Key,
        ObjectPath = ObjectPath(record.Key),
        Sha256 = record.Sha256,
        Size = record.Size,
        Parent = record.Parent,
        CreatedUtc = record.CreatedUtc,
        LastUsedUtc = lastUse,
        Pinned = record.Pinned,
        InUse = inUse,
        Metadata = record.Metadata,
        Verified = record.Verified,
    };

    /// <summary>Sets an entry's last use; an entry removed meanwhile is left alone.</summary>
    private void SetLastUse(string key, DateTime utc)
    {
        try
        {
            File.SetLastWriteTimeUtc(EntryPath(key), utc);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            // Evicted between reading the chain and touching it: nothing to mark.
        }
    }

    /// <summary>Tells whether some process holds a lease on <paramref name="key"/>; only meaningful under the store lock.</summary>
    private bool IsLeased(string key)
    {
        if (!File.Exists(LeaseLockPath(key)))
        {
            return false;
        }

        using var probe = FileLock.TryAcquire(LeaseLockPath(key), exclusive: true);
        return probe is null;
    }
}
