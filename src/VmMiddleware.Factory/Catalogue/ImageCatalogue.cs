using System.Collections.Concurrent;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Factory.Catalogue;

/// <summary>The images the service offers: the factory store's states with their owners (from the database), exports and checksums.</summary>
/// <remarks>
/// Image bytes live only in the store (layers under layers/, exports under exports/); the database records who owns what and the sums.
/// Listings come from an in-memory snapshot (ImageCatalogue.Snapshots.cs), read again only after a change.
/// </remarks>
internal sealed partial class ImageCatalogue : IDisposable
{
    /// <summary>The export formats, "chain" being the qcow2 layers fetched one by one.</summary>
    public static readonly IReadOnlyList<string> Formats = ["qcow2", "raw", "vmdk", "vdi", "vhdx", "chain"];

    private const string LayerFormat = "layer";
    private readonly ConcurrentDictionary<string, Lazy<Task<ExportRecord>>> _exports = new(StringComparer.Ordinal);
    private readonly LayerStore _store;
    private readonly FactoryDatabase _database;
    private readonly FileSystemWatcher? _watcher;

    /// <summary>Initializes the catalogue of <paramref name="store"/> with the records of <paramref name="database"/>, watching the store's entries.</summary>
    public ImageCatalogue(LayerStore store, FactoryDatabase database)
    {
        _store = store;
        _database = database;
        _watcher = Watch(_store.StatesDirectory);
    }

    /// <summary>Gets the _store.</summary>
    public LayerStore Store => _store;

    /// <summary>Gets the directory exports are written to (inside the store).</summary>
    public string ExportsDirectory => Path.Combine(_store.Root, "exports");

    /// <summary>Returns whether <paramref name="id"/> has the shape of a state id (64 lowercase hexadecimal digits).</summary>
    public static bool IsImageId(string? id) => id is { Length: 64 } && id.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');

    /// <summary>Lists every state with its owner and sizes.</summary>
    public async Task<ImageListing> ListAsync() => (await SnapshotAsync().ConfigureAwait(false)).Listing();

    /// <summary>Returns state <paramref name="id"/> as listed, or null.</summary>
    public async Task<ImageEntry?> FindAsync(string id) => (await SnapshotAsync().ConfigureAwait(false)).Find(id);

    /// <summary>Records <paramref name="owner"/> as the owner of the states its build committed.</summary>
    public void Own(IEnumerable<string> stateIds, string owner)
    {
        foreach (var id in stateIds)
        {
            _database.SetOwner(id, owner, _store.Time.GetUtcNow().UtcDateTime);
        }

        Invalidate();
    }

    /// <summary>Pins or unpins state <paramref name="id"/>; returns false when there is no such state.</summary>
    public bool SetPinned(string id, bool pinned)
    {
        var found = _store.SetPinned(id, pinned);
        Invalidate();
        return found;
    }

    /// <summary>Returns the bytes of layers and exports <paramref name="owner"/> owns.</summary>
    public async Task<long> BytesOwnedByAsync(string owner) => (await SnapshotAsync().ConfigureAwait(false)).BytesOwnedBy(owner);

    /// <summary>Makes (once, even when asked concurrently) and returns the download of <paramref name="id"/> in <paramref name="format"/>.</summary>
    public async Task<(ExportRecord File, IReadOnlyList<(StoredState State, ExportRecord Sum)> Layers)> ExportAsync(string id, string format, CancellationToken cancellationToken)
    {
        var chain = _store.Chain(id);
        var layers = new List<(StoredState, ExportRecord)>();
        foreach (var state in chain)
        {
            layers.Add((state, await OnceAsync(state.Id, LayerFormat, () => Task.Run(() => LayerSum(state), cancellationToken)).ConfigureAwait(false)));
        }

        if (format == "chain")
        {
            return (layers[^1].Item2, layers);
        }

        var file = await OnceAsync(id, format, async () =>
        {
            Directory.CreateDirectory(ExportsDirectory);
            var path = Path.Combine(ExportsDirectory, id + "." + format);
            var result = await new ImageExporter(_store).FlattenAsync(id, ImageExporter.Parse(format)!.Value, path, cancellationToken).ConfigureAwait(false);
            return new ExportRecord(id, format, path, new FileInfo(path).Length, result.Sha256);
        }).ConfigureAwait(false);
        return (file, layers);
    }

    /// <summary>Returns the recorded export of <paramref name="id"/> in <paramref name="format"/> ("layer" for the layer itself) whose file still exists, or null.</summary>
    public ExportRecord? FindExport(string id, string format) =>
        _database.FindExport(id, format) is { } export && File.Exists(export.Path) ? export : null;

    /// <summary>Evicts least recently used unpinned images until layers and exports fit in <paramref name="capBytes"/>; returns the ids removed.</summary>
    public IReadOnlyList<string> Evict(long capBytes)
    {
        var exportBytes = _database.Exports().Where(e => e.Format != LayerFormat).Sum(e => e.SizeBytes);
        var evicted = _store.Evict(Math.Max(0, capBytes - exportBytes));
        Forget(evicted);
        Invalidate();
        return evicted;
    }

    /// <summary>Removes image <paramref name="id"/> (not pinned, nothing built on it) with its exports; returns the ids removed.</summary>
    public IReadOnlyList<string> Delete(string id)
    {
        var removed = _store.Remove(id);
        Forget(removed);
        Invalidate();
        return removed;
    }

    private void Forget(IEnumerable<string> ids)
    {
        ForgetChains();
        foreach (var id in ids)
        {
            foreach (var export in _database.Exports().Where(e => e.StateId == id && e.Format != LayerFormat))
            {
                File.Delete(export.Path);
                File.Delete(export.Path + ".sha256");
            }

            _database.ForgetState(id);
            foreach (var format in Formats.Append(LayerFormat))
            {
                _exports.TryRemove(id + "/" + format, out _);
            }
        }
    }

    private async Task<ExportRecord> OnceAsync(string id, string format, Func<Task<ExportRecord>> make)
    {
        if (FindExport(id, format) is { } existing)
        {
            return existing;
        }

        var key = id + "/" + format;
        var lazy = _exports.GetOrAdd(key, _ => new Lazy<Task<ExportRecord>>(async () =>
        {
            var made = await make().ConfigureAwait(false);
            _database.SetExport(made);
            Invalidate();
            return made;
        }));
        try
        {
            return await lazy.Value.ConfigureAwait(false);
        }
        catch
        {
            _exports.TryRemove(key, out _);
            throw;
        }
    }

    // The store records each layer's SHA-256 when it commits it; only a layer from before that is hashed here.
    private static ExportRecord LayerSum(StoredState state) =>
        new(state.Id, LayerFormat, state.LayerPath, new FileInfo(state.LayerPath).Length, state.Sha256 ?? ContentHasher.HashFile(state.LayerPath));

    private static ImageEntry Entry(StoredState s, IReadOnlyDictionary<string, string> owners, Dictionary<string, long> exports) => new()
    {
        ImageId = s.Id,
        ParentId = s.Manifest.ParentId,
        Action = s.Manifest.Action,
        Nodes = s.Manifest.NodeHashes.Count,
        LayerBytes = File.Exists(s.LayerPath) ? new FileInfo(s.LayerPath).Length : 0,
        ExportBytes = exports.TryGetValue(s.Id, out var bytes) ? bytes : 0,
        Owner = owners.TryGetValue(s.Id, out var owner) ? owner : string.Empty,
        CreatedUtc = s.Manifest.CreatedUtc.UtcDateTime,
        LastUsedUtc = s.LastUsedUtc.UtcDateTime,
        Pinned = s.Pinned,
    };

    /// <inheritdoc/>
    public void Dispose() => _watcher?.Dispose();
}
