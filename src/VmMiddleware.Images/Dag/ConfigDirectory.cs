namespace VmMiddleware.Images.Dag;

/// <summary>
/// Keeps the host files a configuration puts into an image (copy sources, script files, package directories) inside the
/// configuration's directory: no '..' or absolute path out of it, and no symbolic link on the way that leads out of it.
/// Links inside a copied tree are copied as links, never followed.
/// </summary>
internal static class ConfigDirectory
{
    private const int MaxLinks = 40; // Linux's ELOOP limit

    /// <summary>Returns why <paramref name="fullPath"/> is not inside <paramref name="baseDirectory"/> (both absolute), or null when it is.</summary>
    public static string? Escape(string baseDirectory, string fullPath)
    {
        if (!IsInside(baseDirectory, fullPath))
        {
            return $"resolves to {fullPath}, outside the configuration's directory {baseDirectory}";
        }

        var realBase = RealPath(baseDirectory, 0) ?? baseDirectory;
        var real = RealPath(fullPath, 0);
        return real is null
            ? $"goes through more than {MaxLinks} symbolic links"
            : IsInside(realBase, real) ? null : $"is or goes through a symbolic link to {real}, outside the configuration's directory {baseDirectory}";
    }

    private static bool IsInside(string directory, string path)
    {
        var relative = Path.GetRelativePath(directory, path);
        return relative == "." || (!Path.IsPathRooted(relative) && relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal));
    }

    /// <summary>Resolves every symbolic link in <paramref name="path"/> (like realpath(3), a missing tail kept as it is); null past <see cref="MaxLinks"/>.</summary>
    private static string? RealPath(string path, int links)
    {
        var current = "/";
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var next = Path.Combine(current, parts[i]);
            var target = new FileInfo(next).LinkTarget;
            if (target is null)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return null;
            }

            var resolved = RealPath(Path.GetFullPath(target, current), links);
            if (resolved is null)
            {
                return null;
            }

            current = resolved;
        }

        return current;
    }
}
