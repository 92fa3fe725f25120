namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>An edge of a workflow: output <see cref="Output"/> of node <see cref="From"/> appears as input <see cref="Input"/> of node <see cref="To"/>.</summary>
/// <param name="From">The parent node's name.</param>
/// <param name="Output">A file output the parent declares (a path under its /work/out).</param>
/// <param name="To">The child node's name.</param>
/// <param name="Input">The path under the child's /work/in where the file appears.</param>
public sealed record WorkflowEdge(string From, string Output, string To, string Input);
