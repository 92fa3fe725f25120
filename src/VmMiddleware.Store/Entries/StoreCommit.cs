using VmMiddleware.Store.Leasing;

namespace VmMiddleware.Store.Entries;

/// <summary>The outcome of adding or committing an entry.</summary>
/// <param name="Entry">The committed entry (or the one that was already there).</param>
/// <param name="Lease">The lease on the entry and its chain when one was asked for, else null; dispose it when done.</param>
/// <param name="Added">False when an entry with that key was already there and the new copy was discarded.</param>
public sealed record StoreCommit(StoreEntry Entry, StoreLease? Lease, bool Added);
