using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Disks;

/// <summary>Applies a returned delta (NAME.delta, a qcow2 overlay whose backing file is NAME) to its base image: vmgrid image apply-delta.</summary>
public static class DeltaApplier
{
    /// <summary>Writes the base image with the delta's changes to <paramref name="output"/> (in the base's format; the base itself when null, replaced whole by a rename) and returns the path written.</summary>
    /// <param name="delta">The delta file.</param>
    /// <param name="basePath">The base image, or null for the backing file the delta names (relative to the delta's directory).</param>
    /// <param name="output">Where the result goes, or null to replace the base.</param>
    /// <param name="qemuImg">The qemu-img that does the work.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    /// <exception cref="InvalidDataException">The delta is not a qcow2 overlay, or the base is missing or does not fit it; the message says which.</exception>
    public static async Task<string> ApplyAsync(string delta, string? basePath, string? output, QemuImg qemuImg, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(delta);
        ArgumentNullException.ThrowIfNull(qemuImg);
        if (!File.Exists(delta))
        {
            throw new InvalidDataException($"{delta}: the delta does not exist");
        }

        var header = ImageHeader.Read(delta);
        if (header.Format != "qcow2" || header.BackingFile is null)
        {
            throw new InvalidDataException($"{delta}: not a delta; expected a qcow2 overlay with a backing file (vmgrid returns NAME.delta over NAME)");
        }

        var baseImage = Path.GetFullPath(basePath ?? header.BackingFile);
        if (!File.Exists(baseImage))
        {
            throw new InvalidDataException($"{delta}: its base image {baseImage} does not exist; give it with --base FILE");
        }

        var baseHeader = ImageHeader.Read(baseImage);
        if (header.BackingFormat is { } recorded && recorded != baseHeader.Format)
        {
            throw new InvalidDataException($"{delta}: the delta was made over a {recorded} image, but {baseImage} is {baseHeader.Format}");
        }

        var baseSize = baseHeader.Format == "raw" ? new FileInfo(baseImage).Length : baseHeader.VirtualSize;
        if (baseSize is { } size && header.VirtualSize is { } deltaSize && size != deltaSize)
        {
            throw new InvalidDataException($"{delta}: the delta covers {deltaSize} bytes, but {baseImage} has {size}; it was made over another image");
        }

        var target = Path.GetFullPath(output ?? baseImage);
        try
        {
            var options = ImageChainOptions.For(Path.GetFullPath(delta), [new ImageLayer(baseImage, baseHeader.Format)]);
            await DurableFile.ReplaceAsync(target, temp => qemuImg.ConvertImageOptionsAsync(options, temp, baseHeader.Format, cancellationToken)).ConfigureAwait(false);
            return target;
        }
        catch (ProcessFailedException e)
        {
            throw new InvalidDataException($"{delta}: {e.Message}", e);
        }
    }
}
