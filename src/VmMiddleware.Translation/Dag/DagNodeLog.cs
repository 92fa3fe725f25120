namespace VmMiddleware.Translation.Dag;

/// <summary>Where DAGMan puts a DAG's default node log, and whether it accepts it there.</summary>
/// <remarks>
/// DAGMan's default node log is DAGMAN_DEFAULT_NODE_LOG, "@(DAG_DIR)/@(DAG_FILE).nodes.log", made absolute. When its
/// path starts with "/tmp" DAGMan logs "default node log file ... is in /tmp" and calls check_warning_strictness
/// (DAG_STRICT_1), which exits under the default DAGMAN_USE_STRICT = 1 (Dagman::ResolveDefaultLog, dagman_main.cpp):
/// the node log must survive as long as the DAG does, and /tmp may be cleaned under it.
/// </remarks>
public static class DagNodeLog
{
    /// <summary>Returns whether DAGMan, with its default configuration, aborts a DAG whose file is in <paramref name="dagDirectory"/>.</summary>
    /// <param name="dagDirectory">The absolute directory of the DAG file.</param>
    public static bool IsRefused(string dagDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dagDirectory);
        return dagDirectory.StartsWith("/tmp", StringComparison.Ordinal);
    }

    /// <summary>Explains the refusal for <paramref name="dagDirectory"/>, for a message that goes on to say what to do.</summary>
    public static string Reason(string dagDirectory) =>
        $"{dagDirectory} is under /tmp, where DAGMan refuses the DAG's node log (\"default node log file ... is in /tmp\" is fatal with its default DAGMAN_USE_STRICT = 1)";
}
