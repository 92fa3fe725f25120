using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Images.Dag;

/// <summary>SHA-256 content hashes of host files and directory trees (names, types, executable bits, contents, link targets; not times or owners).</summary>
public static class ContentHasher
{
    /// <summary>Returns the lower-case hex SHA-256 of the bytes of <paramref name="path"/>.</summary>
    public static string HashFile(string path) => FileDigest.Sha256Hex(path);

    /// <summary>Returns a hash of the file or directory tree at <paramref name="path"/>; equal trees hash equal wherever they live.</summary>
    public static string HashPath(string path)
    {
        using var encoder = new CanonicalEncoder("vmconfig-content/1");
        if (File.Exists(path))
        {
            encoder.Field("file", Executable(path) ? "x" : "-").Field("sha256", HashFile(path));
            return encoder.ToHex();
        }

        var root = new DirectoryInfo(path);
        var entries = root.EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = false })
            .OrderBy(e => Path.GetRelativePath(root.FullName, e.FullName), StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            var relative = Path.GetRelativePath(root.FullName, entry.FullName);
            if (entry.LinkTarget is { } target)
            {
                encoder.Field("link", relative).Field("target", target);
            }
            else if (entry is DirectoryInfo)
            {
                encoder.Field("dir", relative);
            }
            else
            {
                encoder.Field("file", relative).Field("mode", Executable(entry.FullName) ? "x" : "-").Field("sha256", HashFile(entry.FullName));
            }
        }

        return encoder.ToHex();
    }

    private static bool Executable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;
}
