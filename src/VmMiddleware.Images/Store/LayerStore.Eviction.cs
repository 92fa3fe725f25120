namespace VmMiddleware.Images.Store;

public sealed partial class LayerStore
{
    /// <summary>Evicts least-recently-used, unpinned states until the layers fit in <paramref name="capBytes"/>.</summary>
    /// <remarks>Only leaves go (states no other state is backed by), so a state with dependants is evicted only after them; states a build holds are skipped.</remarks>
    /// <param name="capBytes">The size cap in bytes.</param>
    /// <returns>The ids evicted, in order.</returns>
    public IReadOnlyList<string> Evict(long capBytes)
    {
        var evicted = new List<string>();
        var skipped = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var states = List();
            var total = states.Sum(s => new FileInfo(s.LayerPath).Length);
            if (total <= capBytes)
            {
                break;
            }

            var parents = states.Select(s => s.Manifest.ParentId).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var victim = states
                .Where(s => !s.Pinned && !parents.Contains(s.Id) && !skipped.Contains(s.Id))
                .OrderBy(s => s.LastUsedUtc)
                .ThenBy(s => s.Id, StringComparer.Ordinal)
                .FirstOrDefault();
            if (victim is null)
            {
                break;
            }

            using var stateLock = TryLockState(victim.Id);
            if (stateLock is null)
            {
                skipped.Add(victim.Id);
                continue;
            }

            Delete(victim);
            evicted.Add(victim.Id);
        }

        return evicted;
    }

    /// <summary>Removes state <paramref name="id"/> and every state that depends on it, unless one of them is pinned or in use.</summary>
    /// <returns>The ids removed, or an empty list when nothing could be removed.</returns>
    public IReadOnlyList<string> Remove(string id)
    {
        var states = List();
        var doomed = new List<StoredState>();
        var frontier = new HashSet<string>(StringComparer.Ordinal) { id };
        while (frontier.Count > 0)
        {
            var level = states.Where(s => frontier.Contains(s.Id)).ToList();
            doomed.AddRange(level);
            frontier = states.Where(s => s.Manifest.ParentId is { } p && level.Any(l => l.Id == p)).Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        }

        if (doomed.Count == 0 || doomed.Any(s => s.Pinned))
        {
            return [];
        }

        var locks = doomed.Select(s => TryLockState(s.Id)).ToList();
        try
        {
            if (locks.Any(l => l is null))
            {
                return [];
            }

            // Children before parents, so a crash halfway leaves only whole chains.
            doomed.Reverse();
            foreach (var state in doomed)
            {
                Delete(state);
            }

            return doomed.Select(s => s.Id).ToList();
        }
        finally
        {
            foreach (var held in locks)
            {
                held?.Dispose();
            }
        }
    }
}
