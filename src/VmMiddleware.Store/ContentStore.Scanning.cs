using VmMiddleware.Host.Locking;

namespace VmMiddleware.Store;

/// <summary>What recovery and the check read from disk: object files, sessions and producers at work.</summary>
public sealed partial class ContentStore
{
    /// <summary>Enumerates the object files with a key for a name.</summary>
    private IEnumerable<(string Key, string Path)> ObjectsOnDisk()
    {
        var extension = Options.Layout.ObjectExtension;
        if (!Options.Layout.FanOut)
        {
            foreach (var file in Directory.EnumerateFiles(ObjectsDirectory))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.') && name.EndsWith(extension, StringComparison.Ordinal) && name[..^extension.Length] is var key && IsKey(key))
                {
                    yield return (key, file);
                }
            }

            yield break;
        }

        foreach (var dir in Directory.EnumerateDirectories(ObjectsDirectory))
        {
            var head = Path.GetFileName(dir);
            if (head.Length != 2)
            {
                continue;
            }

            foreach (var file in Directory.EnumerateFiles(dir))
            {
                var name = Path.GetFileName(file);
                if (!name.StartsWith('.') && name.EndsWith(extension, StringComparison.Ordinal) && head + name[..^extension.Length] is var key && IsKey(key))
                {
                    yield return (key, file);
                }
            }
        }
    }

    /// <summary>Enumerates the files in the attachments' directories: each with the key whose attachment its name is (null for any other name) and whether it is a temporary.</summary>
    private IEnumerable<(string Path, string? Key, bool Temporary)> AttachmentFiles()
    {
        foreach (var pattern in Options.Layout.Attachments)
        {
            var name = Path.GetFileName(pattern);
            var at = name.IndexOf("{key}", StringComparison.Ordinal);
            var (prefix, suffix) = (name[..at], name[(at + "{key}".Length)..]);
            foreach (var file in Directory.EnumerateFiles(Path.GetDirectoryName(Path.Combine(Root, pattern))!))
            {
                var fileName = Path.GetFileName(file);
                var temporary = fileName.StartsWith(".tmp-", StringComparison.Ordinal);
                var key = !temporary && fileName.Length > prefix.Length + suffix.Length && fileName.StartsWith(prefix, StringComparison.Ordinal)
                    && fileName.EndsWith(suffix, StringComparison.Ordinal) && fileName[prefix.Length..^suffix.Length] is var named && IsKey(named) ? named : null;
                yield return (file, key, temporary);
            }
        }
    }

    /// <summary>Tells whether a producer holds <paramref name="key"/>'s lock (it may be about to commit it, or just wrote its attachment).</summary>
    private bool ProducerAtWork(string key)
    {
        if (!File.Exists(MakeLockPath(key)))
        {
            return false;
        }

        using var probe = FileLock.TryAcquire(MakeLockPath(key));
        return probe is null;
    }

    /// <summary>Tells whether session <paramref name="id"/>'s lock is held, remembering the answer; a lock taken here to ask is released at once.</summary>
    private bool IsAlive(string id, Dictionary<string, bool> known)
    {
        if (!known.TryGetValue(id, out var alive))
        {
            var path = SessionLockPath(id);
            using var probe = File.Exists(path) ? FileLock.TryAcquire(path) : null;
            alive = File.Exists(path) && probe is null;
            known[id] = alive;
        }

        return alive;
    }

    /// <summary>The session id in a temporary file name <c>.tmp-ID-N…</c>, or null.</summary>
    private static string? SessionOf(string name)
    {
        if (!name.StartsWith(".tmp-", StringComparison.Ordinal))
        {
            return null;
        }

        var rest = name[".tmp-".Length..];
        var dash = rest.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? rest[..dash] : null;
    }
}
