namespace VmMiddleware.Store.Faults;

/// <summary>The points at which <see cref="Configuration.StoreOptions.CrashPoint"/> is called: every one is a place where a kill must leave the store consistent.</summary>
internal static class CrashPoints
{
    /// <summary>An insert's temporary copy is complete and fsynced; nothing is committed.</summary>
    public const string AddCopied = "add.copied";

    /// <summary>The object is in place under its final name, its entry file not written yet.</summary>
    public const string CommitRenamed = "commit.renamed";

    /// <summary>The entry file is written: the entry exists; a lease or a trim may follow.</summary>
    public const string CommitRecorded = "commit.recorded";

    /// <summary>A removal deleted an object but not yet its entry file.</summary>
    public const string RemoveObjectDeleted = "remove.object-deleted";

    /// <summary>A removal finished one entry of several (dependants first).</summary>
    public const string RemoveEntryRemoved = "remove.entry-removed";

    /// <summary>Recovery deleted one temporary file.</summary>
    public const string RecoverTemporaryRemoved = "recover.temporary-removed";

    /// <summary>Recovery adopted or removed one object that had no entry.</summary>
    public const string RecoverOrphanHandled = "recover.orphan-handled";

    /// <summary>Recovery dropped one entry whose object or parent is missing.</summary>
    public const string RecoverEntryDropped = "recover.entry-dropped";

    /// <summary>Every point, in the order a crash test walks them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AddCopied, CommitRenamed, CommitRecorded, RemoveObjectDeleted, RemoveEntryRemoved, RecoverTemporaryRemoved, RecoverOrphanHandled, RecoverEntryDropped];
}
