namespace VmMiddleware.WorkUnits;

/// <summary>The image a work unit boots: its kind, location, format and expected checksum.</summary>
public sealed record ImageSpec
{
    /// <summary>Initializes an image specification, checking that the kind, location and checksum agree.</summary>
    /// <param name="kind">What the image is and how it boots.</param>
    /// <param name="location">Where the image comes from; null for <see cref="ImageKind.ReferenceGuest"/> and required otherwise.</param>
    /// <param name="format">The disk format, or null to detect it later.</param>
    /// <param name="sha256">The expected SHA-256 of the image as 64 lowercase hex digits, or null.</param>
    /// <param name="device">The device a bootable disk appears as in the guest (vda, hda, sda, xvda), or null for the launcher's choice (virtio).</param>
    /// <param name="readOnly">Whether the guest may only read a bootable disk (HTCondor permission r).</param>
    public ImageSpec(ImageKind kind, ImageLocation? location = null, ImageFormat? format = null, string? sha256 = null, string? device = null, bool readOnly = false)
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

        if ((device is not null || readOnly) && kind != ImageKind.BootableDisk)
        {
            throw new ArgumentException("Only a bootable disk takes a device or read-only access.", nameof(device));
        }

        if (device is not null && !DiskDevices.IsValid(device))
        {
            throw new ArgumentException($"The device '{device}' is not valid; expected {DiskDevices.Expectation}.", nameof(device));
        }

        Kind = kind;
        Location = location;
        Device = device;
        ReadOnly = readOnly;
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

    /// <summary>Gets the device a bootable disk appears as in the guest, or null for the launcher's choice (the first virtio disk).</summary>
    public string? Device { get; }

    /// <summary>Gets whether the guest may only read the bootable disk.</summary>
    public bool ReadOnly { get; }

    /// <summary>Returns this image at another location, keeping everything else.</summary>
    public ImageSpec At(ImageLocation location) => new(Kind, location, Format, Sha256, Device, ReadOnly);
}
