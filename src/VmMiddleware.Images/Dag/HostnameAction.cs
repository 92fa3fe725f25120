namespace VmMiddleware.Images.Dag;

/// <summary>Sets the guest's host name in /etc/hostname and /etc/hosts.</summary>
/// <param name="Name">The host name.</param>
public sealed record HostnameAction(string Name) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Hostname;
}
