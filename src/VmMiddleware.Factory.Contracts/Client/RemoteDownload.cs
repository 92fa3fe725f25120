namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>Where to download an image from the factory service: the file, and its layers base first.</summary>
/// <param name="ImageId">The image's state id.</param>
/// <param name="Format">The file's format (qcow2, raw, ..., chain).</param>
/// <param name="Url">The file's URL.</param>
/// <param name="SizeBytes">The file's size.</param>
/// <param name="Sha256">The file's SHA-256 (the service's ETag).</param>
/// <param name="Layers">The qcow2 chain, base first.</param>
public sealed record RemoteDownload(string ImageId, string Format, Uri Url, long SizeBytes, string Sha256, IReadOnlyList<RemoteLayer> Layers)
{
    /// <summary>Gets the name of the image's own layer in a chain directory (STATE.qcow2).</summary>
    public string TopFileName => RemoteLayer.FileNameOf(ImageId);
}
