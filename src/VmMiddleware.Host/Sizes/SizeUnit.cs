namespace VmMiddleware.Host.Sizes;

/// <summary>A binary unit of size; the value is the power of two it stands for (bytes = 0, KiB = 10, ...).</summary>
public enum SizeUnit
{
    /// <summary>Bytes (suffix B).</summary>
    Bytes = 0,

    /// <summary>KiB, 2^10 bytes (suffix K or KiB).</summary>
    KiB = 10,

    /// <summary>MiB, 2^20 bytes (suffix M or MiB).</summary>
    MiB = 20,

    /// <summary>GiB, 2^30 bytes (suffix G or GiB).</summary>
    GiB = 30,

    /// <summary>TiB, 2^40 bytes (suffix T or TiB).</summary>
    TiB = 40,
}
