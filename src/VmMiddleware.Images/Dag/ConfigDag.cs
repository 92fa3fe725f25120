namespace VmMiddleware.Images.Dag;

/// <summary>A configuration DAG as written: its nodes and edges in document order (validate with <see cref="DagValidator"/>).</summary>
/// <param name="Name">The configuration's name.</param>
/// <param name="SourceName">The file (or other source) it was read from; messages name it.</param>
/// <param name="Nodes">The nodes in document order.</param>
/// <param name="Edges">The edges in document order.</param>
public sealed record ConfigDag(string Name, string SourceName, IReadOnlyList<DagNode> Nodes, IReadOnlyList<DagEdge> Edges)
{
    /// <summary>Gets the single base node; call only on a validated DAG.</summary>
    public DagNode Base => Nodes.Single(n => n.Action.Kind == ActionKind.Base);
}
