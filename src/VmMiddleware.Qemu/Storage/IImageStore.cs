using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Storage;

/// <summary>Turns a work unit's image into local files the launcher can put an overlay on; the image cache plugs in here.</summary>
public interface IImageStore
{
    /// <summary>Makes the image available as a chain of local files, kept (never evicted) until the returned image is disposed.</summary>
    Task<ResolvedImage> ResolveAsync(ImageSpec image, CancellationToken cancellationToken);
}
