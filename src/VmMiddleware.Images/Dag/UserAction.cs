namespace VmMiddleware.Images.Dag;

/// <summary>Adds the user <paramref name="Name"/> with a home directory.</summary>
/// <param name="Name">The login name.</param>
/// <param name="Uid">The numeric user id, or null to let useradd choose.</param>
/// <param name="Groups">Comma-separated supplementary groups, or null.</param>
/// <param name="Shell">The login shell, or null for the default.</param>
public sealed record UserAction(string Name, uint? Uid, string? Groups, string? Shell) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.User;
}
