namespace VmMiddleware.Factory.Catalogue;

/// <summary>The catalogue's lookup by content: which state a file with a given SHA-256 and size is (its layer, or one of its exports).</summary>
internal sealed partial class ImageCatalogue
{
    /// <summary>Returns the state whose layer or an export has <paramref name="sha256"/> and <paramref name="sizeBytes"/>, with which it is ("layer" or the export's format), or null.</summary>
    /// <remarks>Recorded sums answer first (an indexed query for this SHA-256 and size, not a read of every export); layers not summed yet are hashed only when their size is <paramref name="sizeBytes"/>, and their sums are recorded.</remarks>
    public async Task<(string StateId, string Format)?> FindContentAsync(string sha256, long sizeBytes, CancellationToken cancellationToken)
    {
        var recorded = _database.ExportsWithContent(sha256, sizeBytes).FirstOrDefault(e => _store.Find(e.StateId) is not null);
        if (recorded is not null)
        {
            return (recorded.StateId, recorded.Format);
        }

        var snapshot = await SnapshotAsync().ConfigureAwait(false);
        foreach (var image in snapshot.Images.Where(i => i.LayerBytes == sizeBytes))
        {
            var (_, layers) = await ExportAsync(image.ImageId, "chain", cancellationToken).ConfigureAwait(false);
            if (layers[^1].Sum.Sha256 == sha256)
            {
                return (image.ImageId, LayerFormat);
            }
        }

        return null;
    }
}
