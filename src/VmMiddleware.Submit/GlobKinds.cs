namespace VmMiddleware.Submit;

/// <summary>What queue ... matching may match: files, directories or both.</summary>
internal enum GlobKinds
{
    /// <summary>Files and directories (no files/dirs word).</summary>
    Both,

    /// <summary>Files only (matching files).</summary>
    Files,

    /// <summary>Directories only (matching dirs).</summary>
    Directories,
}
