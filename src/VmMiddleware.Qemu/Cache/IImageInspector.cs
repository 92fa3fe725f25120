namespace VmMiddleware.Qemu.Cache;

/// <summary>The seam through which the cache learns an image's format and backing file (real: <c>qemu-img info</c>).</summary>
public interface IImageInspector
{
    /// <summary>Inspects the image at <paramref name="path"/>.</summary>
    ImageInfo Inspect(string path);
}
