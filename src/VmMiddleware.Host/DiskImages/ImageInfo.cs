namespace VmMiddleware.Host.DiskImages;

/// <summary>What <c>qemu-img info</c> says about an image file.</summary>
/// <param name="Format">The format (qcow2, raw, ...).</param>
/// <param name="VirtualSizeBytes">The disk's virtual size in bytes.</param>
/// <param name="ActualSizeBytes">The bytes the file occupies on the host (0 when qemu-img does not say).</param>
/// <param name="BackingFile">The backing file as written in the header (possibly relative to the image's directory), or null when the image stands alone.</param>
/// <param name="FullBackingFile">The backing file's full path (resolved against the image's directory), or null when the image stands alone.</param>
public sealed record ImageInfo(string Format, long VirtualSizeBytes, long ActualSizeBytes, string? BackingFile, string? FullBackingFile);
