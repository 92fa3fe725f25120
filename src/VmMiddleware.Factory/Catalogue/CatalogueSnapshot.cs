using VmMiddleware.Factory.Contracts.Messages;

namespace VmMiddleware.Factory.Catalogue;

/// <summary>The catalogue as read at one moment: every state with its owner, sizes and exports, oldest first.</summary>
/// <param name="Generation">How many changes this service had made when the reading started (a later one makes it stale).</param>
/// <param name="Observed">How many changes the store watcher had seen when the reading started (a later one starts a new reading in the background).</param>
/// <param name="Images">The entries, oldest first; shared between callers, never modified.</param>
internal sealed record CatalogueSnapshot(long Generation, long Observed, IReadOnlyList<ImageEntry> Images)
{
    private readonly Dictionary<string, ImageEntry> _byId = Images.ToDictionary(i => i.ImageId, StringComparer.Ordinal);

    /// <summary>Gets the bytes of every layer and export.</summary>
    public long TotalBytes { get; } = Images.Sum(i => i.LayerBytes + i.ExportBytes);

    /// <summary>Returns the listing as the SOAP contract shows it.</summary>
    public ImageListing Listing() => new() { Images = [.. Images], TotalBytes = TotalBytes };

    /// <summary>Returns state <paramref name="id"/>'s entry, or null.</summary>
    public ImageEntry? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>Returns the bytes of layers and exports <paramref name="owner"/> owns.</summary>
    public long BytesOwnedBy(string owner) => Images.Where(i => i.Owner == owner).Sum(i => i.LayerBytes + i.ExportBytes);
}
