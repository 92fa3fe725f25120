namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>One layer of an image's qcow2 chain on the factory service.</summary>
/// <param name="StateId">The layer's state id.</param>
/// <param name="ParentId">The state below it, or null for a base.</param>
/// <param name="Url">The layer's URL.</param>
/// <param name="SizeBytes">The layer file's size.</param>
/// <param name="Sha256">The layer file's SHA-256.</param>
public sealed record RemoteLayer(string StateId, string? ParentId, Uri Url, long SizeBytes, string Sha256)
{
    /// <summary>Gets the layer's file name, as its child's qcow2 header names it (STATE.qcow2).</summary>
    public string FileName => FileNameOf(StateId);

    /// <summary>Returns the file name of state <paramref name="stateId"/>'s layer (STATE.qcow2).</summary>
    public static string FileNameOf(string stateId) => stateId + ".qcow2";
}
