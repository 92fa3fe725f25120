namespace VmMiddleware.Qemu.Volumes;

/// <summary>What an output extraction produced.</summary>
/// <param name="Files">The number of regular files written.</param>
/// <param name="Bytes">The total size of the regular files written, in bytes.</param>
/// <param name="Symlinks">The number of (in-tree) symbolic links created.</param>
/// <param name="Refused">The refusals (each names its entry and the rule), in archive order; empty when everything passed.</param>
internal sealed record OutputExtraction(int Files, long Bytes, int Symlinks, IReadOnlyList<OutputRefusedException> Refused);
