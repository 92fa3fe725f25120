using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Lists a translated job directory's files with their content addresses (symbolic links, such as the linked image, followed).</summary>
public static class JobDirectoryScanner
{
    /// <summary>Returns every regular file under <paramref name="directory"/>, hashed.</summary>
    /// <param name="directory">The job directory that vmgrid translate wrote.</param>
    /// <param name="progress">Receives "hashing NAME" once per file over 16 MiB, or null.</param>
    /// <param name="cancellationToken">Stops between files and reads.</param>
    public static IReadOnlyList<JobFile> Scan(string directory, Action<string>? progress, CancellationToken cancellationToken)
    {
        var files = new List<JobFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }).Order(StringComparer.Ordinal))
        {
            var relative = Path.GetRelativePath(directory, path).Replace(Path.DirectorySeparatorChar, '/');
            var info = new FileInfo(path);
            var target = info.LinkTarget is null ? info : (FileInfo?)info.ResolveLinkTarget(returnFinalTarget: true) ?? info;
            if (target.Length > 16L << 20)
            {
                progress?.Invoke($"hashing {relative} ({target.Length / 1048576} MiB)");
            }

            var sha = FileDigest.Sha256Hex(target.FullName, cancellationToken: cancellationToken);
            var executable = (File.GetUnixFileMode(target.FullName) & UnixFileMode.UserExecute) != 0;
            files.Add(new JobFile(relative, target.FullName, sha, target.Length, executable));
        }

        return files;
    }
}
