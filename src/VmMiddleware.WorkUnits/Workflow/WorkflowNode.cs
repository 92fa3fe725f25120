namespace VmMiddleware.WorkUnits.Workflow;

/// <summary>One node of a workflow: a work unit run as one job, retried up to <see cref="Retry"/> times when it fails.</summary>
/// <param name="Name">The node name, unique in the workflow (letters, digits, '_' and '-').</param>
/// <param name="WorkUnit">The node's work unit.</param>
/// <param name="Retry">How often a failed node is run again; 0 by default.</param>
public sealed record WorkflowNode(string Name, WorkUnit WorkUnit, int Retry = 0);
