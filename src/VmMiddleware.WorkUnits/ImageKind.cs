namespace VmMiddleware.WorkUnits;

/// <summary>What a work unit's image is and how it boots.</summary>
public enum ImageKind
{
    /// <summary>The built-in reference guest kernel and initramfs, with no image of its own.</summary>
    ReferenceGuest,

    /// <summary>A filesystem disk image mounted as the root of the reference kernel.</summary>
    RootFilesystem,

    /// <summary>A complete bootable disk, such as a stock cloud image, booted through its own bootloader.</summary>
    BootableDisk,
}
