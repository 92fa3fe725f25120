namespace VmMiddleware.Remote.Transfer;

/// <summary>An upload that arrived with other content than its name says; the gateway removed it.</summary>
/// <param name="RelativePath">The job file it was for.</param>
/// <param name="Sha256">The SHA-256 it should have had.</param>
/// <param name="Actual">The SHA-256 it had.</param>
public sealed record CorruptUpload(string RelativePath, string Sha256, string Actual);
