namespace VmMiddleware.Qemu.Storage;

/// <summary>One file of an image's backing chain as QEMU opens it.</summary>
/// <param name="Path">The absolute path of the image file.</param>
/// <param name="Format">The QEMU block format (raw, qcow2, vmdk, ...).</param>
public sealed record ImageLayer(string Path, string Format);
