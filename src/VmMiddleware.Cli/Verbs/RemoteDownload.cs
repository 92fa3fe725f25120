namespace VmMiddleware.Cli.Verbs;

/// <summary>Where to download an image from the factory service: the file, and its layers base first.</summary>
internal sealed record RemoteDownload(string ImageId, string Format, Uri Url, long SizeBytes, string Sha256, IReadOnlyList<RemoteLayer> Layers);

/// <summary>One layer of an image's qcow2 chain on the factory service.</summary>
internal sealed record RemoteLayer(string StateId, string? ParentId, Uri Url, long SizeBytes, string Sha256);
