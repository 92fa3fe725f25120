namespace VmMiddleware.Plugins.Transfer;

/// <summary>One request ad of the plugin's -infile: the URL and the local file (the destination of a download, the source of an upload).</summary>
/// <param name="Url">The request's Url attribute.</param>
/// <param name="LocalFileName">The request's LocalFileName attribute.</param>
public sealed record TransferRequest(string Url, string LocalFileName);
