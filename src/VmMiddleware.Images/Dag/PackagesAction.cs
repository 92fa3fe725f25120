namespace VmMiddleware.Images.Dag;

/// <summary>Installs <paramref name="Names"/> from a shipped directory of .deb files or from a site mirror.</summary>
/// <param name="Directory">The absolute host directory holding .deb files, or null.</param>
/// <param name="Mirror">The Debian mirror URL apt uses in the guest, or null.</param>
/// <param name="Names">The package names, in document order.</param>
public sealed record PackagesAction(string? Directory, string? Mirror, IReadOnlyList<string> Names) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Packages;
}
