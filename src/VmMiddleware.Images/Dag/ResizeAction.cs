namespace VmMiddleware.Images.Dag;

/// <summary>Grows the disk to <paramref name="SizeBytes"/> and the root file system with it (never shrinks).</summary>
/// <param name="SizeBytes">The new virtual disk size in bytes.</param>
public sealed record ResizeAction(long SizeBytes) : DagAction
{
    /// <inheritdoc/>
    public override ActionKind Kind => ActionKind.Resize;
}
