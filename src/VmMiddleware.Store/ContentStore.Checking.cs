namespace VmMiddleware.Store;

/// <summary>A read-only check of the store's invariants, for tests and diagnostics.</summary>
public sealed partial class ContentStore
{
    /// <summary>Lists what breaks the store's invariants now: an entry without its object or parent or with the wrong size, an object without an entry, a temporary of a session that is gone, a temporary entry file. Empty when the store is consistent.</summary>
    /// <remarks>Meant for a quiet store (right after a recovery): an insert or removal in progress in another process shows up as a problem.</remarks>
    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        var entries = ReadAll();
        foreach (var entry in entries.Values)
        {
            if (!File.Exists(entry.ObjectPath))
            {
                problems.Add($"entry {Show(entry.Key)} has no object file {entry.ObjectPath}");
            }
            else if (new FileInfo(entry.ObjectPath).Length != entry.Size)
            {
                problems.Add($"entry {Show(entry.Key)} records {entry.Size} bytes, its object has {new FileInfo(entry.ObjectPath).Length}");
            }

            if (entry.Parent is { } parent && !entries.ContainsKey(parent))
            {
                problems.Add($"entry {Show(entry.Key)} has no parent entry {Show(parent)}");
            }
        }

        foreach (var key in EntryKeysOnDisk().Where(k => !entries.ContainsKey(k)))
        {
            problems.Add($"entry file {EntryPath(key)} is unreadable");
        }

        foreach (var (key, path) in ObjectsOnDisk().Where(o => !entries.ContainsKey(o.Key)))
        {
            problems.Add($"object {path} has no entry");
        }

        var sessions = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(TemporariesDirectory))
        {
            var name = Path.GetFileName(file);
            if ((!TemporariesAreObjects || name.StartsWith(".tmp-", StringComparison.Ordinal)) && !(SessionOf(name) is { } session && IsAlive(session, sessions)))
            {
                problems.Add($"temporary {file} belongs to no live session");
            }
        }

        problems.AddRange(Directory.EnumerateFiles(EntriesDirectory, ".tmp-*").Select(file => $"temporary entry file {file} is left"));
        return problems;
    }
}
