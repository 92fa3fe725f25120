namespace VmMiddleware.Images.Dag;

/// <summary>Computes node content hashes: SHA-256 over the action's canonical encoding (referenced content included) and the sorted hashes of its predecessors.</summary>
public static class NodeHasher
{
    /// <summary>Hashes every node of the validated <paramref name="dag"/>.</summary>
    /// <param name="dag">A DAG that passed <see cref="DagValidator"/>.</param>
    /// <param name="baseIdentity">The identity of the base (for a registered base its content key); by default a file base's content hash and a registered base's name.</param>
    /// <returns>The hashed DAG.</returns>
    public static HashedDag Hash(ConfigDag dag, Func<BaseAction, string>? baseIdentity = null)
    {
        ArgumentNullException.ThrowIfNull(dag);
        baseIdentity ??= DefaultBaseIdentity;
        var baseId = dag.Base.Id;
        var direct = dag.Nodes.ToDictionary(n => n.Id, _ => new HashSet<string>(StringComparer.Ordinal), StringComparer.Ordinal);
        foreach (var edge in dag.Edges)
        {
            direct[edge.To].Add(edge.From);
        }

        foreach (var node in dag.Nodes.Where(n => n.Id != baseId))
        {
            direct[node.Id].Add(baseId);
        }

        var order = TopologicalOrder(dag, direct);
        var ancestors = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var reduced = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        var hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var nodes = dag.Nodes.ToDictionary(n => n.Id, StringComparer.Ordinal);
        foreach (var id in order)
        {
            var all = new HashSet<string>(direct[id], StringComparer.Ordinal);
            foreach (var p in direct[id])
            {
                all.UnionWith(ancestors[p]);
            }

            ancestors[id] = all;

            // Transitive reduction: an edge implied by another path adds nothing, so it must not change the hash.
            var minimal = direct[id].Where(p => !direct[id].Any(q => q != p && ancestors[q].Contains(p))).ToHashSet(StringComparer.Ordinal);
            reduced[id] = minimal;
            using var encoder = new CanonicalEncoder("vmconfig-node/1");
            Encode(encoder, nodes[id].Action, baseIdentity);
            foreach (var predecessorHash in minimal.Select(p => hashes[p]).Order(StringComparer.Ordinal))
            {
                encoder.Field("after", predecessorHash);
            }

            hashes[id] = encoder.ToHex();
        }

        return new HashedDag(dag, hashes, reduced, ancestors);
    }

    /// <summary>Returns the node ids in an order where every node follows its predecessors.</summary>
    internal static List<string> TopologicalOrder(ConfigDag dag, Dictionary<string, HashSet<string>> predecessors)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<string>();
        while (order.Count < dag.Nodes.Count)
        {
            var ready = dag.Nodes.Where(n => !done.Contains(n.Id) && predecessors[n.Id].All(done.Contains)).Select(n => n.Id).ToList();
            if (ready.Count == 0)
            {
                throw new InvalidOperationException("the DAG has a cycle; validate it first");
            }

            foreach (var id in ready)
            {
                done.Add(id);
                order.Add(id);
            }
        }

        return order;
    }

    private static string DefaultBaseIdentity(BaseAction action) =>
        action.Path is { } path ? "file:" + ContentHasher.HashFile(path) : "ref:" + action.Ref;

    private static void Encode(CanonicalEncoder e, DagAction action, Func<BaseAction, string> baseIdentity)
    {
        e.Field("kind", action.ElementName);
        switch (action)
        {
            case BaseAction b:
                e.Field("identity", baseIdentity(b)).Field("kernel", b.Kernel is { } k ? ContentHasher.HashFile(k) : null);
                break;
            case CopyAction c:
                e.Field("target", c.Target).Field("content", ContentHasher.HashPath(c.Source)).Field("isDirectory", Directory.Exists(c.Source) ? "1" : "0");
                break;
            case ScriptAction s:
                e.Field("text", s.Text.ReplaceLineEndings("\n"));
                break;
            case PackagesAction p:
                e.Field("directory", p.Directory is { } d ? ContentHasher.HashPath(d) : null).Field("mirror", p.Mirror);
                foreach (var name in p.Names)
                {
                    e.Field("package", name);
                }

                break;
            case UserAction u:
                e.Field("name", u.Name).Field("uid", u.Uid?.ToString(System.Globalization.CultureInfo.InvariantCulture)).Field("groups", u.Groups).Field("shell", u.Shell);
                break;
            case EnvironmentAction env:
                foreach (var (name, value) in env.Variables)
                {
                    e.Field("name", name).Field("value", value);
                }

                break;
            case HostnameAction h:
                e.Field("name", h.Name);
                break;
            case ResizeAction r:
                e.Field("size", r.SizeBytes);
                break;
            case ProvidesAction pr:
                foreach (var (name, value) in pr.Attributes)
                {
                    e.Field("name", name).Field("value", value);
                }

                break;
            default:
                throw new ArgumentException("unknown action " + action.GetType().Name, nameof(action));
        }
    }
}
