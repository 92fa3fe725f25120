using System.Collections.Concurrent;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Factory.Catalogue;

// Layer chains with their sums, for GetDownload, /v1/chains and /v1/layers. A state's chain never changes while the state exists (its
// id is the hash of everything below it), so a chain read once is answered from memory for as long as the catalogue lists the state;
// the first reading (the store's entry files, the database's sums) runs on the thread pool, never on the request's thread.
internal sealed partial class ImageCatalogue
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<(StoredState State, ExportRecord Sum)>> _chains = new(StringComparer.Ordinal);

    /// <summary>Returns image <paramref name="id"/>'s layers with their sums, base first, or null when there is no such image.</summary>
    public async Task<IReadOnlyList<(StoredState State, ExportRecord Sum)>?> ChainAsync(string id, CancellationToken cancellationToken)
    {
        if (_chains.TryGetValue(id, out var known))
        {
            // Deleted or evicted (by this service or, through the watcher, by another process): read again.
            if ((await SnapshotAsync().ConfigureAwait(false)).Find(id) is not null)
            {
                return known;
            }

            _chains.TryRemove(id, out _);
        }

        // The store, not the snapshot, says whether a state the catalogue does not know yet exists (one committed a moment ago).
        var layers = await Task.Run(
            async () => _store.Find(id) is null ? null : (await ExportAsync(id, "chain", cancellationToken).ConfigureAwait(false)).Layers,
            cancellationToken).ConfigureAwait(false);
        if (layers is not null)
        {
            _chains[id] = layers;
        }

        return layers;
    }

    /// <summary>Returns the download of image <paramref name="id"/> in <paramref name="format"/> (made once), or null when there is no such image.</summary>
    public async Task<(ExportRecord File, IReadOnlyList<(StoredState State, ExportRecord Sum)> Layers)?> DownloadAsync(string id, string format, CancellationToken cancellationToken)
    {
        if (await ChainAsync(id, cancellationToken).ConfigureAwait(false) is not { } layers)
        {
            return null;
        }

        return format == "chain"
            ? (layers[^1].Sum, layers)
            : await Task.Run(() => ExportAsync(id, format, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private void ForgetChains() => _chains.Clear();
}
