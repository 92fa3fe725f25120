namespace VmMiddleware.Qemu.Launch;

/// <summary>An extra disk in a boot checkpoint's device set: a placeholder of this format and size is attached while the guest boots, the real file at restore.</summary>
/// <param name="Id">The QEMU drive id.</param>
/// <param name="Format">The block format (raw or qcow2).</param>
/// <param name="Serial">The virtio serial.</param>
/// <param name="SizeBytes">The virtual size the guest sees; the real disk must have the same.</param>
internal sealed record CheckpointDisk(string Id, string Format, string Serial, long SizeBytes)
{
    /// <summary>Gets the placeholder's file name in the checkpoint's device set.</summary>
    public string PlaceholderName => Id + ".placeholder";
}
