namespace VmMiddleware.Qemu.Cache;

/// <summary>What <c>qemu-img info</c> says about an image file that the cache needs.</summary>
/// <param name="Format">The image format, e.g. <c>qcow2</c> or <c>raw</c>.</param>
/// <param name="BackingFile">The full path of the backing file, or null when the image stands alone.</param>
public sealed record ImageInfo(string Format, string? BackingFile);
