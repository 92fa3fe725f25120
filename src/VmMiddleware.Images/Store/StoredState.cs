namespace VmMiddleware.Images.Store;

/// <summary>A committed state as the store sees it now: its manifest, when it was last used and whether it is pinned.</summary>
/// <param name="Manifest">The committed manifest.</param>
/// <param name="LastUsedUtc">When a build or export last used it (a parent is never older than its children).</param>
/// <param name="Pinned">Whether eviction must keep it.</param>
/// <param name="LayerPath">The absolute path of its qcow2 layer.</param>
public sealed record StoredState(StateManifest Manifest, DateTimeOffset LastUsedUtc, bool Pinned, string LayerPath)
{
    /// <summary>Gets the state id.</summary>
    public string Id => Manifest.Id;

    /// <summary>Gets the SHA-256 of the layer file (64 lower-case hex digits), as the store recorded it at the commit.</summary>
    public string? Sha256 { get; init; }
}
