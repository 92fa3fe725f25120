namespace VmMiddleware.Qemu.Cache;

/// <summary>The on-disk form of <c>index.json</c>.</summary>
internal sealed class CacheIndexDocument
{
    public int Version { get; set; } = 1;

    public SortedDictionary<string, IndexRecord> Entries { get; set; } = new(StringComparer.Ordinal);
}
