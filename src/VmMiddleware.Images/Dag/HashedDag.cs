namespace VmMiddleware.Images.Dag;

/// <summary>A validated DAG with every node's content hash and its effective predecessors (the base implied, redundant edges dropped).</summary>
/// <param name="Dag">The DAG.</param>
/// <param name="HashOf">The content hash of each node, by id.</param>
/// <param name="PredecessorsOf">The ids of each node's direct predecessors after transitive reduction, by id.</param>
/// <param name="AncestorsOf">The ids of every node that must run before each node, by id.</param>
public sealed record HashedDag(
    ConfigDag Dag,
    IReadOnlyDictionary<string, string> HashOf,
    IReadOnlyDictionary<string, IReadOnlySet<string>> PredecessorsOf,
    IReadOnlyDictionary<string, IReadOnlySet<string>> AncestorsOf)
{
    /// <summary>Gets the hash of the base node.</summary>
    public string BaseHash => HashOf[Dag.Base.Id];

    /// <summary>Gets the node with content hash <paramref name="hash"/>.</summary>
    public DagNode NodeByHash(string hash) => Dag.Nodes.First(n => HashOf[n.Id] == hash);
}
