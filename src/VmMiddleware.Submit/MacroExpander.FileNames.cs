namespace VmMiddleware.Submit;

/// <summary>The $F[fpdnxbqauw](name) family, $DIRNAME and $BASENAME: parts of a file name held by a macro.</summary>
internal sealed partial class MacroExpander
{
    private const string FileNameLetters = "fpdnxbqauw";

    private static bool IsFileNameFunction(string function) =>
        function.Length >= 1 && function[0] == 'F' && function.AsSpan(1).ToString().ToLowerInvariant().All(FileNameLetters.Contains);

    private string FileNamePart(string function, string body)
    {
        var name = body.Trim();
        var value = StripQuotes(LookupExpanded(name) ?? Expand(name));
        var flags = function[1..].ToLowerInvariant();
        bool Has(char flag) => flags.Contains(flag, StringComparison.Ordinal);

        if (Has('f') && value.Length > 0)
        {
            value = Path.GetFullPath(Path.Combine(context.BaseDirectory, value));
        }

        if (Has('u'))
        {
            value = value.Replace('\\', '/');
        }
        else if (Has('w'))
        {
            value = value.Replace('/', '\\');
        }

        var separator = value.LastIndexOfAny(['/', '\\']);
        var directory = value[..(separator + 1)];
        var fileName = value[(separator + 1)..];
        var dot = fileName.LastIndexOf('.');
        var extension = dot > 0 ? fileName[dot..] : string.Empty;
        var stem = dot > 0 ? fileName[..dot] : fileName;
        bool wantName = Has('n'), wantExtension = Has('x'), bare = Has('b');
        var dirs = flags.Count(c => c == 'd');
        bool wantPath = Has('p'), wantDirs = dirs > 0;
        if (directory.Length == 0 && (wantName || wantExtension))
        {
            wantPath = wantDirs = false;
        }

        string result;
        if (wantDirs)
        {
            var kept = directory.Length == 0 ? string.Empty : LastDirectories(directory, dirs);
            result = wantExtension ? kept + fileName : wantName ? kept + stem : bare ? kept.TrimEnd('/', '\\') : kept;
        }
        else
        {
            result = (wantPath, wantName, wantExtension) switch
            {
                (false, false, true) => bare && extension.Length > 0 ? extension[1..] : extension,
                (false, true, true) => fileName,
                (false, true, false) => stem,
                (true, false, false) => bare && directory.Length > 0 ? directory[..^1] : directory,
                (true, true, false) => directory + stem,
                _ => value,
            };
        }

        if (!Has('q'))
        {
            return result;
        }

        var quote = Has('a') ? '\'' : '"';
        return quote + result + quote;
    }

    /// <summary>Returns the last <paramref name="count"/> directories of <paramref name="directory"/> (which ends in a separator), each with its separator.</summary>
    private static string LastDirectories(string directory, int count)
    {
        var end = directory.Length - 1;
        var start = end;
        for (var i = 0; i < count && start > 0; i++)
        {
            start = directory.LastIndexOfAny(['/', '\\'], start - 1);
            if (start < 0)
            {
                return directory;
            }
        }

        return directory[(start + 1)..];
    }

    private static string StripQuotes(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
