namespace VmMiddleware.Qemu.Storage;

/// <summary>A work unit's image as local files: the top layer and its backing chain, held (leased) until disposed.</summary>
public sealed class ResolvedImage : IDisposable
{
    private readonly IDisposable? _hold;

    /// <summary>Initializes a resolved image from its chain (top layer first) and what keeps the files in place.</summary>
    /// <param name="chain">The image followed by its backing files, top first, base last; at least one layer.</param>
    /// <param name="cacheId">The image cache's content id of the top layer, or null when the image is not cached.</param>
    /// <param name="wasCached">Whether the cache already held the image (false: this run added it).</param>
    /// <param name="hold">The lease released on dispose, or null.</param>
    public ResolvedImage(IReadOnlyList<ImageLayer> chain, string? cacheId = null, bool wasCached = false, IDisposable? hold = null)
    {
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentOutOfRangeException.ThrowIfZero(chain.Count);
        Chain = chain;
        CacheId = cacheId;
        WasCached = wasCached;
        _hold = hold;
    }

    /// <summary>Gets the image followed by its backing files, top layer first, base image last.</summary>
    public IReadOnlyList<ImageLayer> Chain { get; }

    /// <summary>Gets the top layer: the file the run's overlay is based on.</summary>
    public ImageLayer Top => Chain[0];

    /// <summary>Gets the image cache's content id (sha256:...) of the top layer, or null when the image is not cached.</summary>
    public string? CacheId { get; }

    /// <summary>Gets whether the image was already in the cache (false when this run added it, or without a cache).</summary>
    public bool WasCached { get; }

    /// <summary>Releases the lease, after which the cache may evict the files.</summary>
    public void Dispose() => _hold?.Dispose();
}
