namespace VmMiddleware.Images.Dag;

/// <summary>One node of a configuration DAG: an id, its action and where it was written.</summary>
/// <param name="Id">The node id, unique in its DAG.</param>
/// <param name="Action">What the node does.</param>
/// <param name="Line">The 1-based line of its element, or 0.</param>
/// <param name="Column">The 1-based column of its element, or 0.</param>
public sealed record DagNode(string Id, DagAction Action, int Line = 0, int Column = 0);
