namespace VmMiddleware.Images.Store;

/// <summary>An exported image: the file to use (for a chain, its top layer), every file written and the SHA-256 of each.</summary>
/// <param name="ImagePath">The image to boot (the flattened file, or the chain's top layer).</param>
/// <param name="Format">The format written.</param>
/// <param name="Sha256">The SHA-256 of <paramref name="ImagePath"/>.</param>
/// <param name="Files">Every file written with its SHA-256, base first for a chain.</param>
public sealed record ExportResult(string ImagePath, ExportFormat Format, string Sha256, IReadOnlyList<KeyValuePair<string, string>> Files);
