namespace VmMiddleware.Factory.Tickets;

/// <summary>An exported file of an image (or a layer's checksum, with format "layer").</summary>
/// <param name="StateId">The image (state) id.</param>
/// <param name="Format">The format, or "layer" for the state's own qcow2 layer.</param>
/// <param name="Path">The file.</param>
/// <param name="SizeBytes">Its size.</param>
/// <param name="Sha256">Its SHA-256 (hex).</param>
internal sealed record ExportRecord(string StateId, string Format, string Path, long SizeBytes, string Sha256);
