namespace VmMiddleware.Qemu.Cache;

/// <summary>
/// A launcher's claim on a cache entry and its whole backing chain: while it is held (a shared
/// flock per entry) no process evicts them. Dispose it when QEMU no longer needs the files.
/// </summary>
public sealed class CacheLease : IDisposable
{
    private readonly IReadOnlyList<IDisposable> holds;

    internal CacheLease(IReadOnlyList<CacheEntry> chain, IReadOnlyList<IDisposable> holds)
    {
        Chain = chain;
        this.holds = holds;
    }

    /// <summary>Gets the leased entry.</summary>
    public CacheEntry Entry => Chain[0];

    /// <summary>Gets the content id of the leased entry.</summary>
    public string Id => Entry.Id;

    /// <summary>Gets the read-only object file of the leased entry.</summary>
    public string Path => Entry.Path;

    /// <summary>Gets the entry followed by its backing entries, top layer first, base image last.</summary>
    public IReadOnlyList<CacheEntry> Chain { get; }

    /// <summary>Releases the shared locks.</summary>
    public void Dispose()
    {
        foreach (var held in holds)
        {
            held.Dispose();
        }
    }
}
