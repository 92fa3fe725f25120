using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Factory.Building;

/// <summary>A request's files on disk: the vmconfig document and the files it names, under <c>DATA/requests/TICKET/</c>, written to a temporary directory first.</summary>
internal static class RequestFiles
{
    /// <summary>The name the configuration document is kept under.</summary>
    public const string ConfigurationName = "vmconfig.xml";

    /// <summary>The name of the requests' directory inside the data directory.</summary>
    public const string DirectoryName = "requests";

    private const int MaxFiles = 4096;

    /// <summary>Returns why <paramref name="path"/> is not an acceptable relative file name, or null.</summary>
    public static string? Refuse(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 512)
        {
            return "a file name is empty or longer than 512 characters";
        }

        var parts = path.Split('/');
        return path.StartsWith('/') ? $"'{path}' is absolute; expected a path relative to the configuration"
            : parts.Any(p => p is "" or "." or "..") ? $"'{path}' has an empty, '.' or '..' component; expected a plain relative path"
            : path.Any(c => char.IsControl(c) || c == '\\') ? $"'{path}' has a control character or a backslash"
            : path == ConfigurationName ? $"'{path}' is reserved for the configuration itself"
            : null;
    }

    /// <summary>Writes the configuration and files to a new temporary directory under <paramref name="requestsDirectory"/> and returns it.</summary>
    /// <exception cref="ArgumentException">A file name is refused, or two files collide; nothing is left behind.</exception>
    public static string Stage(string requestsDirectory, string configuration, IReadOnlyList<RequestFile> files)
    {
        if (files.Count > MaxFiles)
        {
            throw new ArgumentException($"the request ships {files.Count} files; at most {MaxFiles} are accepted");
        }

        Directory.CreateDirectory(requestsDirectory);
        var staging = Path.Combine(requestsDirectory, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(staging);
        try
        {
            File.WriteAllText(Path.Combine(staging, ConfigurationName), configuration);
            foreach (var file in files)
            {
                if (Refuse(file.Path) is { } reason)
                {
                    throw new ArgumentException(reason);
                }

                var target = Path.Combine(staging, file.Path);
                if (File.Exists(target) || Directory.Exists(target))
                {
                    throw new ArgumentException($"'{file.Path}' is shipped twice, or is both a file and a directory");
                }

                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.WriteAllBytes(target, file.Content ?? []);
            }

            return staging;
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Moves a staged request to its ticket's directory (durably) and returns that directory.</summary>
    public static string Commit(string staging, string requestsDirectory, string ticketId)
    {
        var final = Path.Combine(requestsDirectory, ticketId);
        foreach (var file in Directory.EnumerateFiles(staging, "*", SearchOption.AllDirectories))
        {
            DurableFile.SyncFile(file);
        }

        Directory.Move(staging, final);
        DurableFile.SyncDirectory(requestsDirectory);
        return final;
    }

    /// <summary>Removes temporary request directories a crash left (they never became tickets).</summary>
    public static void RemoveLeftovers(string requestsDirectory)
    {
        if (!Directory.Exists(requestsDirectory))
        {
            return;
        }

        foreach (var leftover in Directory.EnumerateDirectories(requestsDirectory, ".tmp-*"))
        {
            Directory.Delete(leftover, recursive: true);
        }
    }

    /// <summary>Removes a request's directory (once its ticket is final); nothing when it is gone already.</summary>
    public static void Remove(string requestDirectory)
    {
        if (Directory.Exists(requestDirectory))
        {
            Directory.Delete(requestDirectory, recursive: true);
        }
    }

    /// <summary>Removes every request directory under <paramref name="requestsDirectory"/> but those of the tickets in <paramref name="keep"/> (the queued and running ones) and the temporary ones (a submission staging them).</summary>
    public static void RemoveAllBut(string requestsDirectory, IReadOnlySet<string> keep)
    {
        if (!Directory.Exists(requestsDirectory))
        {
            return;
        }

        foreach (var directory in Directory.EnumerateDirectories(requestsDirectory))
        {
            var name = Path.GetFileName(directory);
            if (!name.StartsWith('.') && !keep.Contains(name))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }
}
