namespace VmMiddleware.Qemu.Cache;

/// <summary>What the index remembers of one object: size, use time, backing entry, pin, and the stamp of the last hash check.</summary>
internal sealed class IndexRecord
{
    public long Size { get; set; }

    /// <summary>Gets or sets the last use as Unix milliseconds.</summary>
    public long LastUsedMs { get; set; }

    public string? Backing { get; set; }

    public bool Pinned { get; set; }

    /// <summary>Gets or sets the file stamp recorded when the object last hashed correctly; null until then.</summary>
    public FileStamp? Verified { get; set; }
}
