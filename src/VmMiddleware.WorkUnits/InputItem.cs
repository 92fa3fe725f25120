namespace VmMiddleware.WorkUnits;

/// <summary>A host file or directory copied into the guest's input directory before the command runs.</summary>
public sealed record InputItem
{
    /// <summary>Initializes an input, taking the target from the source's file name when none is given.</summary>
    /// <param name="source">The absolute host path of the file or directory.</param>
    /// <param name="target">The path relative to the guest's input directory, or null for the source's file name.</param>
    /// <param name="kind">Whether the source is a file or a directory.</param>
    public InputItem(string source, string? target = null, InputKind kind = InputKind.File)
    {
        ArgumentException.ThrowIfNullOrEmpty(source);
        if (!Path.IsPathFullyQualified(source))
        {
            throw new ArgumentException($"The input source '{source}' must be an absolute host path.", nameof(source));
        }

        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown input kind.");
        }

        Source = TrimSeparators(source);
        Target = WorkUnitRules.RequireRelativePath(target ?? DefaultTarget(Source), "The input target", nameof(target)).TrimEnd('/');
        Kind = kind;
    }

    /// <summary>Gets the absolute host path of the file or directory, without a trailing separator.</summary>
    public string Source { get; }

    /// <summary>Gets the path relative to the guest's input directory (/work/in) where the input appears, without a trailing /.</summary>
    public string Target { get; }

    /// <summary>Gets whether the input is a file or a directory.</summary>
    public InputKind Kind { get; }

    /// <summary>Returns the target an input from <paramref name="source"/> gets when none is given: the source's file name.</summary>
    public static string DefaultTarget(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var name = Path.GetFileName(TrimSeparators(source));
        return name.Length > 0
            ? name
            : throw new ArgumentException($"The input source '{source}' has no file name to use as the target; give a target.", nameof(source));
    }

    private static string TrimSeparators(string path) => Path.TrimEndingDirectorySeparator(path.AsSpan()).ToString();
}
