namespace VmMiddleware.Images.Dag;

/// <summary>Runs <paramref name="Text"/> with /bin/sh as root in the guest.</summary>
/// <param name="Text">The script text (read from the source file when one was named).</param>
public sealed record ScriptAction(string Text) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Script;
}
