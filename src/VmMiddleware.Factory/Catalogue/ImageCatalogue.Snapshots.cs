namespace VmMiddleware.Factory.Catalogue;

// The in-memory listing: read once (off the request threads) and served until something changes. Changes this service makes (it
// commits, owns, exports, pins, deletes or evicts) invalidate it and the next caller waits for a new reading, so a client sees its own
// change at once. Changes a watcher on the store's entry files sees (another process on the same store, layers committed midway
// through a build, last-use touches) start a new reading in the background while callers keep getting the current one.
internal sealed partial class ImageCatalogue
{
    private readonly Lock _snapshotGate = new();
    private long _generation;
    private long _observed;
    private long _readings;
    private CatalogueSnapshot? _current;
    private long _currentReading;
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

    /// <summary>Marks the in-memory listing stale after a change this service made: the next caller waits for a new reading.</summary>
    public void Invalidate() => Interlocked.Increment(ref _generation);

    /// <summary>Returns the current listing: from memory when this service changed nothing since it was read, else read again on the thread pool (one reading shared by concurrent callers).</summary>
    public ValueTask<CatalogueSnapshot> SnapshotAsync()
    {
        lock (_snapshotGate)
        {
            var generation = Interlocked.Read(ref _generation);
            var observed = Interlocked.Read(ref _observed);
            if (_current is { } current && current.Generation == generation)
            {
                if (current.Observed != observed)
                {
                    StartReading(generation, observed);
                }

                return ValueTask.FromResult(current);
            }

            return new(StartReading(generation, observed));
        }
    }

    // Under _snapshotGate: the reading under way when it covers this generation, else a new one.
    private Task<CatalogueSnapshot> StartReading(long generation, long observed)
    {
        if (_reading is { IsCompleted: false } running && _readingGeneration == generation)
        {
            return running;
        }

        var sequence = ++_readings;
        _readingGeneration = generation;
        _reading = Task.Run(() => Read(generation, observed, sequence));
        return _reading;
    }

    private CatalogueSnapshot Read(long generation, long observed, long sequence)
    {
        var owners = _database.Owners();
        var exports = _database.Exports().Where(e => e.Format != LayerFormat).GroupBy(e => e.StateId).ToDictionary(g => g.Key, g => g.Sum(e => e.SizeBytes), StringComparer.Ordinal);
        var snapshot = new CatalogueSnapshot(generation, observed, [.. _store.List().Select(s => Entry(s, owners, exports))]);
        lock (_snapshotGate)
        {
            if (_current is null || _currentReading < sequence)
            {
                _current = snapshot;
                _currentReading = sequence;
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
            watcher.Changed += (_, _) => Interlocked.Increment(ref _observed);
            watcher.Created += (_, _) => Interlocked.Increment(ref _observed);
            watcher.Deleted += (_, _) => Interlocked.Increment(ref _observed);
            watcher.Renamed += (_, _) => Interlocked.Increment(ref _observed);
            watcher.Error += (_, _) => Invalidate(); // events were lost: the next caller waits for a full reading
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
