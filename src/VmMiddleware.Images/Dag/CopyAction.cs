namespace VmMiddleware.Images.Dag;

/// <summary>Copies the host file or directory <paramref name="Source"/> (absolute) to the guest path <paramref name="Target"/>.</summary>
/// <param name="Source">The absolute host path.</param>
/// <param name="Target">The absolute guest path; a directory's contents are copied into it.</param>
public sealed record CopyAction(string Source, string Target) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Copy;
}
