using VmMiddleware.Translation.Condor;

namespace VmMiddleware.Translation.Dag;

/// <summary>One node of a generated DAG: its directory (relative to the DAG file), submit file name and HTCondor job.</summary>
/// <param name="Name">The DAGMan node name.</param>
/// <param name="Directory">The node's directory relative to the DAG file's directory (DAGMan's DIR).</param>
/// <param name="SubmitFileName">The submit description's file name inside <paramref name="Directory"/>.</param>
/// <param name="Job">The node's job, translated with paths relative to <paramref name="Directory"/>.</param>
public sealed record DagNodeJob(string Name, string Directory, string SubmitFileName, CondorJob Job);
