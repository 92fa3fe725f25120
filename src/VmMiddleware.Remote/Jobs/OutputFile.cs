namespace VmMiddleware.Remote.Jobs;

/// <summary>One file under a job's out/ directory, as fetch sees it.</summary>
/// <param name="Path">The path under out/, with '/' separators.</param>
/// <param name="Length">The size in bytes.</param>
/// <param name="Sha256">The SHA-256, 64 lowercase hex digits.</param>
public sealed record OutputFile(string Path, long Length, string Sha256)
{
    /// <summary>Returns whether <paramref name="path"/> is safe to write under a local out/: relative, no '..' or empty segments, no NUL.</summary>
    public static bool IsSafe(string path) =>
        !string.IsNullOrEmpty(path) && !path.StartsWith('/') && !path.Contains('\0', StringComparison.Ordinal) && !path.Contains('\\', StringComparison.Ordinal)
        && path.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");
}
