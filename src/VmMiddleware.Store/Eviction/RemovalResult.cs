namespace VmMiddleware.Store.Eviction;

/// <summary>What <see cref="ContentStore.Remove"/> did.</summary>
/// <param name="Status">Removed, or why not.</param>
/// <param name="Blocker">The entry that was pinned or in use, or null.</param>
/// <param name="Removed">The keys removed, dependants first (empty unless <see cref="RemovalStatus.Removed"/>).</param>
public sealed record RemovalResult(RemovalStatus Status, string? Blocker, IReadOnlyList<string> Removed);
