namespace VmMiddleware.Qemu.Bundle;

/// <summary>One file of a bundle as the manifest lists it.</summary>
/// <param name="Path">The relative path inside the bundle, with forward slashes.</param>
/// <param name="Sha256">The lowercase hex SHA-256 of the content.</param>
/// <param name="Size">The size in bytes.</param>
/// <param name="Executable">Whether the file is extracted with mode 0755 (else 0644).</param>
public sealed record BundleFile(string Path, string Sha256, long Size, bool Executable);
