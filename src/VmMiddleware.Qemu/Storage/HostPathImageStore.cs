using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Storage;

/// <summary>The image store without a cache: host paths only, used in place (checked against the work unit's SHA-256); QEMU follows a qcow2 layer's own backing file.</summary>
public sealed class HostPathImageStore : IImageStore
{
    /// <summary>Returns the image's host path after checking that it exists and has the expected SHA-256.</summary>
    public async Task<ResolvedImage> ResolveAsync(ImageSpec image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(image);
        var location = image.Location ?? throw new ArgumentException("The reference guest has no image file.", nameof(image));
        if (location.Kind != ImageLocationKind.HostPath)
        {
            throw new LaunchException($"The image {location} is a {location.Kind}; only host paths work without the image cache.");
        }

        if (!File.Exists(location.Value))
        {
            throw new LaunchException($"The image {location.Value} does not exist.");
        }

        try
        {
            ImageFileCheck.Check(location.Value, image.Format);
        }
        catch (InvalidDataException e)
        {
            throw new LaunchException(e.Message, e);
        }

        await ImageVerifier.VerifyAsync(location.Value, image.Sha256, cancellationToken).ConfigureAwait(false);
        var format = image.Format?.ToString().ToLowerInvariant() ?? ImageHeader.Read(location.Value).Format;
        return new ResolvedImage([new ImageLayer(location.Value, format)]);
    }
}
