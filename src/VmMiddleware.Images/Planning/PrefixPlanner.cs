using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Planning;

/// <summary>VMPlants partial matching: picks the cached state covering the largest downward-closed part of a request, then orders the rest.</summary>
public static class PrefixPlanner
{
    /// <summary>Plans <paramref name="dag"/> against the states in <paramref name="built"/>.</summary>
    /// <param name="dag">The hashed request.</param>
    /// <param name="built">The states the store holds.</param>
    /// <returns>The plan; its steps are empty on an exact hit.</returns>
    public static BuildPlan Plan(HashedDag dag, IEnumerable<BuiltState> built)
    {
        ArgumentNullException.ThrowIfNull(dag);
        ArgumentNullException.ThrowIfNull(built);
        var requestHashes = dag.HashOf.Values.ToHashSet(StringComparer.Ordinal);
        var idOfHash = dag.HashOf.ToDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        // Largest usable state; ties go to the smaller id so every process picks the same one.
        var start = built
            .Where(s => s.NodeHashes.Contains(dag.BaseHash) && s.NodeHashes.All(requestHashes.Contains) && IsDownwardClosed(dag, s.NodeHashes, idOfHash))
            .OrderByDescending(s => s.NodeHashes.Count)
            .ThenBy(s => s.Id, StringComparer.Ordinal)
            .FirstOrDefault();

        var done = new HashSet<string>(start?.NodeHashes.Select(h => idOfHash[h]) ?? [], StringComparer.Ordinal);
        var doneHashes = new HashSet<string>(start?.NodeHashes ?? new HashSet<string>(), StringComparer.Ordinal);
        var steps = new List<PlanStep>();
        var nodes = dag.Dag.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        while (done.Count < nodes.Count)
        {
            // Ties between independent actions go by hash, not document order, so the same DAG written in another order builds the same states.
            var next = nodes.Keys
                .Where(id => !done.Contains(id) && dag.PredecessorsOf[id].All(done.Contains))
                .OrderBy(id => dag.HashOf[id], StringComparer.Ordinal)
                .First();
            done.Add(next);
            doneHashes.Add(dag.HashOf[next]);
            var snapshot = new HashSet<string>(doneHashes, StringComparer.Ordinal);
            steps.Add(new PlanStep(nodes[next], dag.HashOf[next], StateIds.Of(snapshot), snapshot));
        }

        return new BuildPlan(dag, start, steps);
    }

    private static bool IsDownwardClosed(HashedDag dag, IReadOnlySet<string> hashes, Dictionary<string, string> idOfHash) =>
        hashes.All(h => dag.AncestorsOf[idOfHash[h]].All(a => hashes.Contains(dag.HashOf[a])));
}
