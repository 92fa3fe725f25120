namespace VmMiddleware.Host.Processes;

/// <summary>Finds a program by name in a list of directories (a search path the caller was given, never read from the environment here).</summary>
public static class ProgramSearch
{
    /// <summary>Gets the directories where a Debian, Ubuntu or Enterprise Linux system installs its programs.</summary>
    public static IReadOnlyList<string> SystemDirectories { get; } = ["/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin"];

    /// <summary>Splits a PATH-style value (directories separated by ':') into a search path; empty entries are dropped.</summary>
    /// <param name="path">The value, or null.</param>
    /// <returns>The directories in order.</returns>
    public static IReadOnlyList<string> Split(string? path) => (path ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Returns the first existing file named <paramref name="name"/> in <paramref name="directories"/>, or <paramref name="name"/> itself when it already names a path (contains '/') that exists; null when there is none.</summary>
    /// <param name="name">A program name such as <c>qemu-img</c>, or a path.</param>
    /// <param name="directories">The directories to look in, in order.</param>
    /// <returns>The program's path, or null.</returns>
    public static string? Find(string name, IEnumerable<string> directories)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(directories);
        if (name.Contains('/', StringComparison.Ordinal))
        {
            return File.Exists(name) ? name : null;
        }

        return directories.Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists);
    }
}
