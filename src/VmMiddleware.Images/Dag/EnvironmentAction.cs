namespace VmMiddleware.Images.Dag;

/// <summary>Sets <paramref name="Variables"/> in the guest's /etc/environment, replacing earlier values.</summary>
/// <param name="Variables">Name and value pairs, in document order.</param>
public sealed record EnvironmentAction(IReadOnlyList<KeyValuePair<string, string>> Variables) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Environment;
}
