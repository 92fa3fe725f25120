using VmMiddleware.Host.Durability;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Faults;
using VmMiddleware.Store.Recovery;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store;

/// <summary>Crash recovery, run by <see cref="OpenAsync"/> (and on demand) under the store lock; every step can itself be killed and run again.</summary>
public sealed partial class ContentStore
{
    private static readonly TimeSpan StaleAttachmentTemporary = TimeSpan.FromMinutes(1);

    /// <summary>Repairs what killed writers left: their temporaries and scratch directories, objects without an entry (adopted or removed), entries without their object or parent, stale lock and attachment files.</summary>
    /// <param name="cancellationToken">Stops a qemu-img run that reads an adopted layer's header; what was repaired so far stays repaired, and the next recovery does the rest.</param>
    /// <returns>What was repaired.</returns>
    public async Task<RecoveryReport> RecoverAsync(CancellationToken cancellationToken = default)
    {
        using var guard = LockStore();
        var sessions = new Dictionary<string, bool>(StringComparer.Ordinal);
        var (temporaries, scratch) = RemoveDeadSessions(sessions);
        var stale = RemoveStaleEntryTemporaries();
        if (temporaries + scratch + stale == 0 && MatchesCleanRecord())
        {
            // Left consistent by the last change, and nothing changed since: no entry file needs reading.
            return RecoveryReport.Empty;
        }

        // A kill from here on leaves no record, so the next open recovers in full again.
        File.Delete(CleanRecordPath);

        // Every entry file is read once and every directory listed once; the steps below work on what was read, which nobody else changes while the store lock is held.
        var entries = new Dictionary<string, StoreEntry>(StringComparer.Ordinal);
        var (upgraded, unreadable) = ReadUpgradingOrDropping(entries);
        var objects = ObjectsOnDisk().ToDictionary(o => o.Key, o => o.Path, StringComparer.Ordinal);
        var (adopted, orphans) = await HandleOrphansAsync(entries, objects, cancellationToken).ConfigureAwait(false);
        var dropped = unreadable + DropBroken(entries, objects);
        stale += RemoveStaleLocksAndAttachments(entries);
        if (temporaries + adopted + orphans + dropped + stale > 0)
        {
            DurableFile.SyncDirectory(ObjectsDirectory);
            DurableFile.SyncDirectory(EntriesDirectory);
        }

        WriteCleanRecord();

        return new RecoveryReport(temporaries, scratch, adopted, orphans, dropped, upgraded, stale);
    }

    /// <summary>Deletes the temporary files, scratch directories and session locks of sessions whose lock is free.</summary>
    private (int Temporaries, int Scratch) RemoveDeadSessions(Dictionary<string, bool> alive)
    {
        var temporaries = 0;
        foreach (var file in Directory.EnumerateFiles(TemporariesDirectory).ToList())
        {
            var name = Path.GetFileName(file);
            if (TemporariesAreObjects && !name.StartsWith(".tmp-", StringComparison.Ordinal))
            {
                continue;
            }

            if (SessionOf(name) is { } session && IsAlive(session, alive))
            {
                continue;
            }

            File.Delete(file);
            StoreLog.TemporaryRemoved(Options.Logger, Root, file);
            temporaries++;
            Crash(CrashPoints.RecoverTemporaryRemoved);
        }

        var scratch = 0;
        foreach (var dir in Directory.Exists(WorkDirectory) ? Directory.EnumerateDirectories(WorkDirectory).ToList() : [])
        {
            if (!IsAlive(Path.GetFileName(dir), alive))
            {
                Directory.Delete(dir, recursive: true);
                scratch++;
            }
        }

        foreach (var lockFile in Directory.EnumerateFiles(LocksDirectory, "session-*.lock").ToList())
        {
            var id = Path.GetFileName(lockFile)["session-".Length..^".lock".Length];
            if (!IsAlive(id, alive))
            {
                File.Delete(lockFile);
            }
        }

        return (temporaries, scratch);
    }

    /// <summary>Entry files are written only under the store lock, which recovery holds: any temporary one is a killed writer's.</summary>
    private int RemoveStaleEntryTemporaries()
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(EntriesDirectory, ".tmp-*").ToList())
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }

    /// <summary>Reads every entry file into <paramref name="entries"/>; rewrites those of an older format the configuration can read and drops the other unreadable ones (their objects become orphans).</summary>
    private (int Upgraded, int Dropped) ReadUpgradingOrDropping(Dictionary<string, StoreEntry> entries)
    {
        var upgraded = 0;
        var dropped = 0;
        foreach (var key in EntryKeysOnDisk().ToList())
        {
            var (record, lastUse, unreadable) = ReadRecordFile(key);
            if (record is not null)
            {
                entries[key] = ToEntry(record, lastUse);
                continue;
            }

            if (!unreadable)
            {
                continue;
            }

            if (TryUpgrade(key) is { } upgrade)
            {
                entries[key] = upgrade;
                upgraded++;
                continue;
            }

            File.Delete(EntryPath(key));
            StoreLog.EntryDropped(Options.Logger, Root, Show(key), "its entry file is unreadable");
            dropped++;
            Crash(CrashPoints.RecoverEntryDropped);
        }

        return (upgraded, dropped);
    }

    private StoreEntry? TryUpgrade(string key)
    {
        var path = EntryPath(key);
        var objectPath = ObjectPath(key);
        if (Options.ReadLegacyEntry is null || !File.Exists(objectPath))
        {
            return null;
        }

        LegacyEntry? legacy;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path));
            legacy = Options.ReadLegacyEntry(key, document.RootElement.Clone());
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }

        if (legacy is null || (legacy.Parent is { } parent && !IsKey(parent)))
        {
            return null;
        }

        var lastUse = new DateTimeOffset(File.GetLastWriteTimeUtc(path), TimeSpan.Zero);
        var record = new EntryRecord
        {
            Key = key, Parent = legacy.Parent, Size = new FileInfo(objectPath).Length, Sha256 = ContentDigest.OfFile(objectPath),
            CreatedUtc = legacy.CreatedUtc, Pinned = legacy.Pinned, Metadata = legacy.Metadata,
        };
        WriteRecord(key, record, lastUse);
        var shown = Show(key);
        StoreLog.EntryUpgraded(Options.Logger, Root, shown);
        return ToEntry(record, lastUse);
    }

    /// <summary>An object whose entry file was never written (a kill between the rename and the entry file) or was dropped: adopted in a content-addressed store, else removed.</summary>
    private async Task<(int Adopted, int Removed)> HandleOrphansAsync(Dictionary<string, StoreEntry> entries, Dictionary<string, string> objects, CancellationToken cancellationToken)
    {
        var adopted = 0;
        var removed = 0;
        foreach (var (key, path) in objects.ToList())
        {
            if (entries.ContainsKey(key) || ProducerAtWork(key))
            {
                continue;
            }

            if (Options.Keys == KeyKind.ContentSha256 && (Options.Chains == ChainMode.None || Options.QemuImg is not null))
            {
                if (await AdoptAsync(key, path, cancellationToken).ConfigureAwait(false) is { } entry)
                {
                    entries[key] = entry;
                    adopted++;
                    Crash(CrashPoints.RecoverOrphanHandled);
                    continue;
                }
            }
            else if (Options.Keys == KeyKind.ContentSha256)
            {
                // Its parent cannot be told without qemu-img: left for a recovery that has it, invisible until then.
                continue;
            }

            File.Delete(path);
            objects.Remove(key);
            DeleteAttachments(key);
            StoreLog.OrphanRemoved(Options.Logger, Root, Show(key), Options.Keys == KeyKind.Named ? "a named entry cannot be rebuilt from its object" : "its parent cannot be found");
            removed++;
            Crash(CrashPoints.RecoverOrphanHandled);
        }

        return (adopted, removed);
    }

    /// <summary>Gives an orphan of a content-addressed store its entry file back: its key is its content id, checked on first use.</summary>
    private async Task<StoreEntry?> AdoptAsync(string key, string path, CancellationToken cancellationToken)
    {
        string? parent = null;
        if (Options.Chains != ChainMode.None)
        {
            (var known, parent) = await ParentOfAsync(path, cancellationToken).ConfigureAwait(false);
            if (!known)
            {
                return null;
            }
        }

        var info = new FileInfo(path);
        var lastUse = new DateTimeOffset(info.LastWriteTimeUtc, TimeSpan.Zero);
        var record = new EntryRecord { Key = key, Parent = parent, Size = info.Length, Sha256 = key, CreatedUtc = lastUse };
        WriteRecord(key, record, lastUse);
        StoreLog.ObjectAdopted(Options.Logger, Root, Show(key));
        return ToEntry(record, lastUse);
    }

    /// <summary>Drops entries whose object is missing or whose parent is not an entry, until none is left (a dropped parent takes its layers along).</summary>
    private int DropBroken(Dictionary<string, StoreEntry> entries, Dictionary<string, string> objects)
    {
        var dropped = 0;
        bool again;
        do
        {
            again = false;
            foreach (var entry in entries.Values.ToList())
            {
                var reason = !objects.ContainsKey(entry.Key) ? "its object file is missing"
                    : entry.Parent is { } parent && !entries.ContainsKey(parent) ? "its parent " + Show(parent) + " is missing"
                    : null;
                if (reason is null)
                {
                    continue;
                }

                DeleteEntryLocked(entry);
                entries.Remove(entry.Key);
                objects.Remove(entry.Key);
                StoreLog.EntryDropped(Options.Logger, Root, Show(entry.Key), reason);
                dropped++;
                again = true;
                Crash(CrashPoints.RecoverEntryDropped);
            }
        }
        while (again);

        return dropped;
    }

    /// <summary>Deletes lease files of keys that are gone (safe under the store lock), attachments of keys that are gone, and attachment temporaries a minute old.</summary>
    private int RemoveStaleLocksAndAttachments(Dictionary<string, StoreEntry> entries)
    {
        var removed = 0;
        foreach (var file in Directory.EnumerateFiles(LocksDirectory, "*.lease").ToList())
        {
            var key = Path.GetFileNameWithoutExtension(file);
            if (IsKey(key) && !entries.ContainsKey(key))
            {
                File.Delete(file);
            }
        }

        foreach (var (file, key, temporary) in AttachmentFiles().ToList())
        {
            // Attachments are written without the store lock: a temporary is dead once it is old.
            if ((temporary && Options.Time.GetUtcNow() - File.GetLastWriteTimeUtc(file) > StaleAttachmentTemporary)
                || (key is not null && !entries.ContainsKey(key) && !ProducerAtWork(key)))
            {
                File.Delete(file);
                removed++;
            }
        }

        return removed;
    }
}
