namespace VmMiddleware.WorkUnits;

/// <summary>The image a work unit boots: its kind, location, format and expected checksum.</summary>
public sealed record ImageSpec
{
    /// <summary>Initializes an image specification, checking that the kind, location and checksum agree.</summary>
    /// <param name="kind">What the image is and how it boots.</param>
    /// <param name="location">Where the image comes from; null for <see cref="ImageKind.ReferenceGuest"/> and required otherwise.</param>
    /// <param name="format">The disk format, or null to detect it later.</param>
    /// <param name="sha256">The expected SHA-256 of the image as 64 lowercase hex digits, or null.</param>
    public ImageSpec(ImageKind kind, ImageLocation? location = null, ImageFormat? format = null, string? sha256 = null)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown image kind.");
        }

        if (format is { } f && !Enum.IsDefined(f))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format.");
        }

        if (kind == ImageKind.ReferenceGuest)
        {
            if (location is not null || format is not null || sha256 is not null)
            {
                throw new ArgumentException("The reference guest takes no location, format or checksum.", nameof(location));
            }
        }
        else if (location is null)
        {
            throw new ArgumentException($"An image of kind {kind} needs a location.", nameof(location));
        }

        if (sha256 is not null && !WorkUnitRules.IsSha256(sha256))
        {
            throw new ArgumentException($"The checksum '{sha256}' is not valid; expected {WorkUnitRules.Sha256Expectation}.", nameof(sha256));
        }

        if (sha256 is not null && location?.CacheDigest is { } digest && digest != sha256)
        {
            throw new ArgumentException($"The checksum '{sha256}' differs from the cache reference's digest '{digest}'.", nameof(sha256));
        }

        Kind = kind;
        Location = location;
        Format = format;
        Sha256 = sha256;
    }

    /// <summary>Gets the built-in reference guest, which needs no image of its own.</summary>
    public static ImageSpec ReferenceGuest { get; } = new(ImageKind.ReferenceGuest);

    /// <summary>Gets what the image is and how it boots.</summary>
    public ImageKind Kind { get; }

    /// <summary>Gets where the image comes from; null only for the reference guest.</summary>
    public ImageLocation? Location { get; }

    /// <summary>Gets the disk format, or null when it is to be detected.</summary>
    public ImageFormat? Format { get; }

    /// <summary>Gets the expected SHA-256 of the image file as 64 lowercase hex digits, or null.</summary>
    public string? Sha256 { get; }
}
