namespace VmMiddleware.Images.Dag;

/// <summary>An ordering constraint: node <paramref name="From"/> runs before node <paramref name="To"/>.</summary>
/// <param name="From">The id of the earlier node.</param>
/// <param name="To">The id of the later node.</param>
/// <param name="Line">The 1-based line of the edge element, or 0.</param>
/// <param name="Column">The 1-based column of the edge element, or 0.</param>
public sealed record DagEdge(string From, string To, int Line = 0, int Column = 0);
