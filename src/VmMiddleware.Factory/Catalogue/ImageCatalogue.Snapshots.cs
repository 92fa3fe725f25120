namespace VmMiddleware.Factory.Catalogue;

// The in-memory listing: read once (off the request threads) and served until something changes. This service invalidates it
// whenever it commits, owns, exports, pins, deletes or evicts; a watcher on the store's entry files catches the rest (another
// process on the same store, layers committed midway through a build, last-use touches).
internal sealed partial class ImageCatalogue
{
    private readonly Lock _snapshotGate = new();
    private long _generation;
    private CatalogueSnapshot? _current;
    private Task<CatalogueSnapshot>? _reading;
    private long _readingGeneration = -1;

    /// <summary>Gets the bytes of layers and exports as last read (0 before the first reading); starts a new reading when stale.</summary>
    public long StoredBytes
    {
        get
        {
            var snapshot = SnapshotAsync();
            return snapshot.IsCompletedSuccessfully ? snapshot.Result.TotalBytes : Volatile.Read(ref _current)?.TotalBytes ?? 0;
        }
    }

    /// <summary>Marks the in-memory listing stale: the next caller reads the store and database again.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Returns the current listing: from memory when nothing changed since it was read, else read again on the thread pool (one reading shared by concurrent callers).</summary>
    public ValueTask<CatalogueSnapshot> SnapshotAsync()
    {
        Task<CatalogueSnapshot> reading;
        lock (_snapshotGate)
        {
            var generation = Interlocked.Read(ref _generation);
            if (_current is { } current && current.Generation == generation)
            {
                return ValueTask.FromResult(current);
            }

            if (_reading is null || _readingGeneration != generation || _reading.IsFaulted)
            {
                _readingGeneration = generation;
                _reading = Task.Run(() => Read(generation));
            }

            reading = _reading;
        }

        return new(reading);
    }

    private CatalogueSnapshot Read(long generation)
    {
        var owners = _database.Owners();
        var exports = _database.Exports().Where(e => e.Format != LayerFormat).GroupBy(e => e.StateId).ToDictionary(g => g.Key, g => g.Sum(e => e.SizeBytes), StringComparer.Ordinal);
        var snapshot = new CatalogueSnapshot(generation, [.. _store.List().Select(s => Entry(s, owners, exports))]);
        lock (_snapshotGate)
        {
            if (_current is null || _current.Generation <= generation)
            {
                _current = snapshot;
            }
        }

        return snapshot;
    }

    private FileSystemWatcher? Watch(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var watcher = new FileSystemWatcher(directory)
            {
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Attributes | NotifyFilters.Size,
                IncludeSubdirectories = false,
            };
            watcher.Changed += (_, _) => Invalidate();
            watcher.Created += (_, _) => Invalidate();
            watcher.Deleted += (_, _) => Invalidate();
            watcher.Renamed += (_, _) => Invalidate();
            watcher.Error += (_, _) => Invalidate();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or PlatformNotSupportedException)
        {
            // No watcher (inotify limits): this service's own changes still invalidate; other processes' show after the next of those.
            return null;
        }
    }
}
