using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Launch;

/// <summary>The image store for images given as host paths; cache references and vmimage:// URLs need the image cache.</summary>
public sealed class HostPathImageStore : IImageStore
{
    /// <summary>Returns the image's host path, checking that the file exists.</summary>
    public Task<string> ResolveAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var location = image.Location ?? throw new ArgumentException("The reference guest has no image file.", nameof(image));
        if (location.Kind != WorkUnits.ImageLocationKind.HostPath)
        {
            throw new NotSupportedException($"The image {location} is a {location.Kind}; only host paths are supported without the image cache.");
        }

        return File.Exists(location.Value)
            ? Task.FromResult(location.Value)
            : throw new FileNotFoundException($"The image {location.Value} does not exist.", location.Value);
    }
}
