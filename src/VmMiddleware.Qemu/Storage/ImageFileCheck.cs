using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Storage;

/// <summary>
/// Checks an image file before anything copies, links or boots it: a regular, non-empty file whose header is the format
/// the work unit declares (a qcow2 image also with a positive virtual size). Read in-process from the first bytes.
/// </summary>
public static class ImageFileCheck
{
    /// <summary>Throws an <see cref="InvalidDataException"/> saying what is wrong with the image at <paramref name="path"/> as <paramref name="declared"/> (null: any format).</summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="InvalidDataException">The file is not a regular file, is empty, or is not in the declared format.</exception>
    public static void Check(string path, ImageFormat? declared)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new InvalidDataException($"The image {path} is a directory, not an image file.");
        }

        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The image {path} does not exist.", path);
        }

        var info = new FileInfo(path);
        if ((info.Attributes & FileAttributes.Device) != 0 || info.Length == 0)
        {
            throw new InvalidDataException($"The image {path} is {(info.Length == 0 ? "empty" : "not a regular file")}.");
        }

        var header = ImageHeader.Read(path);
        var expected = declared?.ToString().ToLowerInvariant();
        if (expected is not null && header.Format != expected)
        {
            var says = header.Format == "raw" ? "no known image header (raw data)" : "a " + header.Format + " header";
            throw new InvalidDataException($"The image {path} is declared {expected} but has {says}; refusing to use it.");
        }

        if (header.Format == "qcow2" && header.VirtualSize is not > 0)
        {
            throw new InvalidDataException($"The image {path} has a qcow2 header with virtual size {header.VirtualSize}; refusing to use it.");
        }
    }
}
