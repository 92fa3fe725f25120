namespace VmMiddleware.Remote.Transfer;

/// <summary>One file of a local job directory as it is shipped: where it goes, where it is, and its content address.</summary>
/// <param name="RelativePath">The path in the job directory, with '/' separators.</param>
/// <param name="LocalPath">The file on this machine (links resolved).</param>
/// <param name="Sha256">Its SHA-256, 64 lowercase hex digits.</param>
/// <param name="Length">Its size in bytes.</param>
/// <param name="Executable">Whether the owner may execute it.</param>
public sealed record JobFile(string RelativePath, string LocalPath, string Sha256, long Length, bool Executable);
