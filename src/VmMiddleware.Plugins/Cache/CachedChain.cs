using VmMiddleware.Store.Leasing;

namespace VmMiddleware.Plugins.Cache;

/// <summary>An image's chain held in the plugin cache for as long as this is not disposed: the leases, the layers base first, and what was downloaded.</summary>
public sealed class CachedChain : IDisposable
{
    private readonly IReadOnlyList<StoreLease> _leases;

    internal CachedChain(IReadOnlyList<StoreLease> leases, IReadOnlyList<(Fetching.ChainLayer Layer, string ObjectPath)> layers, int downloaded)
    {
        _leases = leases;
        Layers = layers;
        Downloaded = downloaded;
    }

    /// <summary>Gets each layer (base first) with the path of its cached object.</summary>
    public IReadOnlyList<(Fetching.ChainLayer Layer, string ObjectPath)> Layers { get; }

    /// <summary>Gets how many layers this fetch downloaded (the others were in the cache).</summary>
    public int Downloaded { get; }

    /// <summary>Ends the leases.</summary>
    public void Dispose()
    {
        foreach (var lease in _leases)
        {
            lease.Dispose();
        }
    }
}
