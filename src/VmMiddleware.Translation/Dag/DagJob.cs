namespace VmMiddleware.Translation.Dag;

/// <summary>What <see cref="WorkflowDagTranslator"/> returns: the DAG file's text and one job per node.</summary>
/// <param name="DagText">The DAGMan input file.</param>
/// <param name="Nodes">The nodes' jobs, in the workflow's order.</param>
public sealed record DagJob(string DagText, IReadOnlyList<DagNodeJob> Nodes);
