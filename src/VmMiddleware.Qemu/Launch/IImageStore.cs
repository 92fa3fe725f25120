using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Turns a work unit's image into a local file the launcher can put an overlay on (the image cache plugs in here).</summary>
public interface IImageStore
{
    /// <summary>Returns the absolute path of a local file holding the image's bytes.</summary>
    Task<string> ResolveAsync(ImageSpec image, CancellationToken cancellationToken);
}
