namespace VmMiddleware.WorkUnits;

/// <summary>A disk the VM gets besides its boot image (HTCondor's second and further vm_disk entries): a file, the device the guest sees, read-only or writable.</summary>
public sealed record AttachedDisk
{
    /// <summary>Initializes a disk, checking the device name.</summary>
    /// <param name="location">Where the disk file comes from.</param>
    /// <param name="device">The device the guest sees, such as vdb or hdc.</param>
    /// <param name="readOnly">Whether the guest may only read the disk (HTCondor permission r).</param>
    /// <param name="format">The disk format, or null to detect it.</param>
    public AttachedDisk(ImageLocation location, string device, bool readOnly = false, ImageFormat? format = null)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (!DiskDevices.IsValid(device))
        {
            throw new ArgumentException($"The device '{device}' is not valid; expected {DiskDevices.Expectation}.", nameof(device));
        }

        if (format is { } f && !Enum.IsDefined(f))
        {
            throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown image format.");
        }

        Location = location;
        Device = device;
        ReadOnly = readOnly;
        Format = format;
    }

    /// <summary>Gets where the disk file comes from.</summary>
    public ImageLocation Location { get; }

    /// <summary>Gets the device the guest sees (vdX, hdX, sdX or xvdX).</summary>
    public string Device { get; }

    /// <summary>Gets whether the guest may only read the disk.</summary>
    public bool ReadOnly { get; }

    /// <summary>Gets the disk format, or null when it is to be detected.</summary>
    public ImageFormat? Format { get; }
}
