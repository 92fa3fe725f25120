namespace VmMiddleware.Plugins.Fetching;

/// <summary>One line of the service's chain listing (<c>/v1/chains/ID</c>): a layer, its parent, size and SHA-256.</summary>
/// <param name="StateId">The layer's state id; its file is STATEID.qcow2, the name its child's header gives as backing file.</param>
/// <param name="ParentId">The parent layer's state id, or null for the base.</param>
/// <param name="SizeBytes">The layer file's size.</param>
/// <param name="Sha256">The layer file's SHA-256, lower-case hex.</param>
public sealed record ChainLayer(string StateId, string? ParentId, long SizeBytes, string Sha256)
{
    /// <summary>Gets the layer's file name, as its child's qcow2 header names it.</summary>
    public string FileName => StateId + ".qcow2";
}
