using VmMiddleware.WorkUnits.Collections;

namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>A validated workflow: named work-unit nodes and the edges that hand outputs of one node to another; acyclic.</summary>
public sealed record Workflow
{
    /// <summary>Gets the workflow's name.</summary>
    public required string Name { get; init; }

    /// <summary>Gets the nodes in the order the file lists them.</summary>
    public required IReadOnlyList<WorkflowNode> Nodes { get; init => field = ValueList<WorkflowNode>.From(value); }

    /// <summary>Gets the edges in the order the file lists them.</summary>
    public IReadOnlyList<WorkflowEdge> Edges { get; init => field = ValueList<WorkflowEdge>.From(value); } = ValueList<WorkflowEdge>.Empty;

    /// <summary>Returns the node named <paramref name="name"/> (case-sensitive, as DAGMan compares node names), or null.</summary>
    public WorkflowNode? Find(string name) => Nodes.FirstOrDefault(n => n.Name == name);
}
