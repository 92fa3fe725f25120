namespace VmMiddleware.Images.Dag;

/// <summary>Checks a DAG's structure: unique ids, exactly one base, no dangling edges, no edge into the base, no cycles.</summary>
public static class DagValidator
{
    /// <summary>Throws when <paramref name="dag"/> is invalid; the message names the node (or edge) at fault.</summary>
    /// <param name="dag">The DAG to check.</param>
    /// <exception cref="DagFormatException">The DAG is invalid.</exception>
    public static void Validate(ConfigDag dag)
    {
        ArgumentNullException.ThrowIfNull(dag);
        var byId = new Dictionary<string, DagNode>(StringComparer.Ordinal);
        foreach (var node in dag.Nodes)
        {
            if (!byId.TryAdd(node.Id, node))
            {
                throw At(dag, node, $"node '{node.Id}' is defined twice (first at line {byId[node.Id].Line}); expected unique ids");
            }
        }

        var bases = dag.Nodes.Where(n => n.Action.Kind == ActionKind.Base).ToList();
        if (bases.Count == 0)
        {
            throw new DagFormatException(dag.SourceName, 0, 0, $"configuration '{dag.Name}' has no base; expected exactly one <base> action");
        }

        if (bases.Count > 1)
        {
            throw At(dag, bases[1], $"node '{bases[1].Id}' is a second base (the first is '{bases[0].Id}'); expected exactly one <base> action");
        }

        foreach (var edge in dag.Edges)
        {
            foreach (var end in new[] { edge.From, edge.To }.Where(end => !byId.ContainsKey(end)))
            {
                throw new DagFormatException(dag.SourceName, edge.Line, edge.Column, $"edge '{edge.From}' -> '{edge.To}' names the unknown node '{end}' (dangling edge); expected the id of an action", end);
            }

            if (edge.From == edge.To)
            {
                throw new DagFormatException(dag.SourceName, edge.Line, edge.Column, $"node '{edge.From}' has an edge to itself (a cycle)", edge.From);
            }

            if (edge.To == bases[0].Id)
            {
                throw new DagFormatException(dag.SourceName, edge.Line, edge.Column, $"edge '{edge.From}' -> '{edge.To}' leads into the base '{edge.To}'; the base comes before every action", edge.To);
            }
        }

        if (FindCycle(dag) is { } cycle)
        {
            var node = byId[cycle[0]];
            throw At(dag, node, $"node '{cycle[0]}' is on a cycle: {string.Join(" -> ", cycle.Select(c => $"'{c}'"))}; expected a DAG");
        }
    }

    private static DagFormatException At(ConfigDag dag, DagNode node, string detail) =>
        new(dag.SourceName, node.Line, node.Column, detail, node.Id);

    private static List<string>? FindCycle(ConfigDag dag)
    {
        var successors = dag.Nodes.ToDictionary(n => n.Id, _ => new List<string>(), StringComparer.Ordinal);
        foreach (var edge in dag.Edges)
        {
            successors[edge.From].Add(edge.To);
        }

        // 0 = unvisited, 1 = on the current path, 2 = done; iterative so deep chains cannot overflow the stack.
        var state = dag.Nodes.ToDictionary(n => n.Id, _ => 0, StringComparer.Ordinal);
        foreach (var start in dag.Nodes.Select(n => n.Id))
        {
            if (state[start] != 0)
            {
                continue;
            }

            var path = new List<string>();
            var stack = new Stack<(string Node, int Next)>();
            stack.Push((start, 0));
            state[start] = 1;
            path.Add(start);
            while (stack.Count > 0)
            {
                var (node, next) = stack.Pop();
                if (next < successors[node].Count)
                {
                    stack.Push((node, next + 1));
                    var child = successors[node][next];
                    if (state[child] == 1)
                    {
                        return [.. path.Skip(path.IndexOf(child)), child];
                    }

                    if (state[child] == 0)
                    {
                        state[child] = 1;
                        path.Add(child);
                        stack.Push((child, 0));
                    }
                }
                else
                {
                    state[node] = 2;
                    path.RemoveAt(path.Count - 1);
                }
            }
        }

        return null;
    }
}
