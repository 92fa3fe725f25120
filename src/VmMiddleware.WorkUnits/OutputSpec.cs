namespace VmMiddleware.WorkUnits;

/// <summary>A file, glob or directory under the guest's output directory that is copied back after the command ends.</summary>
public sealed record OutputSpec
{
    /// <summary>Initializes an output from a path relative to the guest's output directory.</summary>
    /// <param name="path">A relative path such as result.txt, a glob such as plots/*.png, or a directory ending in / such as results/.</param>
    public OutputSpec(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        Path = WorkUnitRules.RequireRelativePath(path, "The output path", nameof(path));
    }

    /// <summary>Gets the path relative to the guest's output directory (/work/out); a trailing / marks a directory.</summary>
    public string Path { get; }

    /// <summary>Gets whether the path names a directory (it ends with /).</summary>
    public bool IsDirectory => Path.EndsWith('/');

    /// <summary>Gets whether the path is a glob (it contains *, ? or [).</summary>
    public bool IsGlob => Path.AsSpan().IndexOfAny("*?[") >= 0;
}
