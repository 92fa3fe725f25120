namespace VmMiddleware.Images.Bases;

/// <summary>What a registered base is.</summary>
public enum BaseKind
{
    /// <summary>The factory's own minimal Debian, built with mmdebstrap and mke2fs.</summary>
    Reference,

    /// <summary>An operator's disk image (a whole-disk file system) with the kernel that boots it.</summary>
    Disk,

    /// <summary>A stock cloud image (partitioned, boots itself, reads a NoCloud seed).</summary>
    CloudImage,
}
