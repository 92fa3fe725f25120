namespace VmMiddleware.Host.Processes;

/// <summary>The descendants of a process, read from /proc: what a cancelled tool started must end with it.</summary>
internal static class ProcessTree
{
    /// <summary>Returns <paramref name="root"/> and every process below it that is running now, root first.</summary>
    public static IReadOnlyList<ProcessIdentity> Of(int root)
    {
        var parents = new Dictionary<int, List<int>>();
        foreach (var entry in SafeEnumerate("/proc"))
        {
            if (int.TryParse(Path.GetFileName(entry), out var pid) && ProcessIdentity.StatFields(pid) is { Length: > 1 } fields && int.TryParse(fields[1], out var parent))
            {
                if (!parents.TryGetValue(parent, out var children))
                {
                    parents[parent] = children = [];
                }

                children.Add(pid);
            }
        }

        var found = new List<ProcessIdentity>();
        var pending = new Queue<int>([root]);
        while (pending.Count > 0 && found.Count < 10_000)
        {
            var pid = pending.Dequeue();
            if (ProcessIdentity.Of(pid) is { } identity)
            {
                found.Add(identity);
            }

            foreach (var child in parents.GetValueOrDefault(pid) ?? [])
            {
                pending.Enqueue(child);
            }
        }

        return found;
    }

    private static string[] SafeEnumerate(string directory)
    {
        try
        {
            return Directory.GetDirectories(directory);
        }
        catch (IOException)
        {
            return [];
        }
    }
}
