using System.Text.RegularExpressions;

namespace VmMiddleware.Submit;

/// <summary>Expands the globs of queue ... matching against the base directory: * ? and [...] in the last path component; names sorted ordinally per pattern, duplicates dropped.</summary>
internal static class QueueGlob
{
    public static List<string> Match(IReadOnlyList<string> patterns, GlobKinds kinds, string baseDirectory)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var result = new List<string>();
        foreach (var pattern in patterns)
        {
            foreach (var name in MatchOne(pattern, kinds, baseDirectory))
            {
                if (seen.Add(name))
                {
                    result.Add(name);
                }
            }
        }

        return result;
    }

    private static List<string> MatchOne(string pattern, GlobKinds kinds, string baseDirectory)
    {
        var trimmed = pattern.TrimEnd('/');
        var slash = trimmed.LastIndexOf('/');
        var directoryPart = slash < 0 ? string.Empty : trimmed[..(slash + 1)];
        var namePattern = trimmed[(slash + 1)..];
        var directory = Path.GetFullPath(Path.Combine(baseDirectory, directoryPart.Length == 0 ? "." : directoryPart));
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var regex = new Regex("^" + ToRegex(namePattern) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        var entries = new List<string>();
        foreach (var entry in new DirectoryInfo(directory).EnumerateFileSystemInfos())
        {
            var isDirectory = entry is DirectoryInfo;
            if ((kinds == GlobKinds.Files && isDirectory) || (kinds == GlobKinds.Directories && !isDirectory))
            {
                continue;
            }

            // Like a shell, a wildcard does not match a leading dot unless the pattern starts with one.
            if (entry.Name.StartsWith('.') && !namePattern.StartsWith('.'))
            {
                continue;
            }

            if (regex.IsMatch(entry.Name))
            {
                entries.Add(directoryPart + entry.Name);
            }
        }

        entries.Sort(StringComparer.Ordinal);
        return entries;
    }

    private static string ToRegex(string glob)
    {
        var pattern = new System.Text.StringBuilder();
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            switch (c)
            {
                case '*': pattern.Append(".*"); break;
                case '?': pattern.Append('.'); break;
                case '[' when glob.IndexOf(']', i + 1) is var close and > 0:
                    var set = glob[(i + 1)..close];
                    pattern.Append('[').Append(set.StartsWith('!') ? "^" + Regex.Escape(set[1..]) : Regex.Escape(set)).Append(']');
                    i = close;
                    break;
                default: pattern.Append(Regex.Escape(c.ToString())); break;
            }
        }

        return pattern.ToString();
    }
}
