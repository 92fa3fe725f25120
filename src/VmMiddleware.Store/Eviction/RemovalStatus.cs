namespace VmMiddleware.Store.Eviction;

/// <summary>Whether <see cref="ContentStore.Remove"/> removed an entry, and if not, why.</summary>
public enum RemovalStatus
{
    /// <summary>The entry and every entry built on it are gone.</summary>
    Removed,

    /// <summary>There is no such entry.</summary>
    NotFound,

    /// <summary>The entry or one built on it is pinned; nothing was removed.</summary>
    Pinned,

    /// <summary>The entry or one built on it is leased, or its producer is still at work; nothing was removed.</summary>
    InUse,
}
