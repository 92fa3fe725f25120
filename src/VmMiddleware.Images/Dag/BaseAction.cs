namespace VmMiddleware.Images.Dag;

/// <summary>The base image: a registered base by name (<paramref name="Ref"/>) or a disk image file (<paramref name="Path"/>, absolute).</summary>
/// <param name="Ref">The registered base's name, or null.</param>
/// <param name="Path">The absolute path of the disk image, or null.</param>
/// <param name="Format">The image file's format (raw, qcow2, ...), or null to detect it.</param>
/// <param name="Kernel">The absolute path of the kernel that boots the image, or null.</param>
public sealed record BaseAction(string? Ref, string? Path, string? Format, string? Kernel) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Base;
}
