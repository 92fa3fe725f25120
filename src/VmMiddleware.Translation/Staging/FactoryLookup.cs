namespace VmMiddleware.Translation.Staging;

/// <summary>The factory's answer about one image file.</summary>
/// <param name="StateId">The id the service holds the file under (an image's state id; a published file's SHA-256), or null when it does not hold it.</param>
/// <param name="SameBytes">Whether the file is byte for byte the state's own top layer (a flattened export of it, or a state matched by name, is not).</param>
/// <param name="Detail">How it was decided, for the progress line (the SHA-256 asked about, or why the lookup failed).</param>
public sealed record FactoryLookup(string? StateId, bool SameBytes, string Detail);
