namespace VmMiddleware.Images.Store;

/// <summary>What <c>qemu-img info</c> says about an image file.</summary>
/// <param name="Format">The format (qcow2, raw, ...).</param>
/// <param name="VirtualSizeBytes">The disk's virtual size in bytes.</param>
/// <param name="ActualSizeBytes">The bytes the file occupies on the host.</param>
/// <param name="BackingFile">The backing file as written in the header, or null.</param>
public sealed record ImageInfo(string Format, long VirtualSizeBytes, long ActualSizeBytes, string? BackingFile);
