using VmMiddleware.Store.Entries;

namespace VmMiddleware.Store.Leasing;

/// <summary>A claim on an entry and its whole chain: while it is held (a shared flock per entry) no process evicts them. Dispose it when the files are no longer needed.</summary>
public sealed class StoreLease : IDisposable
{
    private readonly IReadOnlyList<IDisposable> holds;

    internal StoreLease(IReadOnlyList<StoreEntry> chain, IReadOnlyList<IDisposable> holds)
    {
        Chain = chain;
        this.holds = holds;
    }

    /// <summary>Gets the leased entry.</summary>
    public StoreEntry Entry => Chain[0];

    /// <summary>Gets the entry followed by the entries below it: top layer first, base last.</summary>
    public IReadOnlyList<StoreEntry> Chain { get; }

    /// <summary>Releases the shared locks.</summary>
    public void Dispose()
    {
        foreach (var held in holds)
        {
            held.Dispose();
        }
    }
}
