namespace VmMiddleware.WorkUnits;

/// <summary>Whether an input is a single file or a whole directory tree.</summary>
public enum InputKind
{
    /// <summary>A single file.</summary>
    File,

    /// <summary>A directory, copied with everything below it.</summary>
    Directory,
}
