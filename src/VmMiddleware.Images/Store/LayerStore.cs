using System.Text.Json;
using VmMiddleware.Images.Planning;
using VmMiddleware.Host.Processes;
using VmMiddleware.Host.Locking;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Images.Store;

/// <summary>The content-addressed, crash-safe layer store: one qcow2 layer per state (backed by its parent's, by relative name) and a manifest written last as the commit point.</summary>
/// <remarks>
/// Layout under <see cref="Root"/>: <c>layers/ID.qcow2</c>, <c>states/ID.json</c> (+ <c>ID.pin</c>; the manifest's mtime is the last use),
/// <c>logs/ID.log</c> (and <c>logs/ID.failed.log</c>, the log of a failed attempt), <c>locks/</c> (flock files), <c>bases/</c> (registered bases), <c>exports/</c>, <c>work/BUILD/</c> (a build's scratch space).
/// Builds write <c>layers/.tmp-BUILD-N.qcow2</c> while holding <c>locks/build-BUILD.lock</c>; opening the store removes what dead builds left.
/// </remarks>
public sealed partial class LayerStore
{

    private LayerStore(string root, QemuImg qemuImg, TimeProvider time)
    {
        Root = root;
        QemuImg = qemuImg;
        Time = time;
    }

    /// <summary>Gets the store's root directory.</summary>
    public string Root { get; }

    /// <summary>Gets the qemu-img wrapper the store uses.</summary>
    public QemuImg QemuImg { get; }

    /// <summary>Gets the store's clock.</summary>
    public TimeProvider Time { get; }

    internal string LayersDirectory => Path.Combine(Root, "layers");

    internal string StatesDirectory => Path.Combine(Root, "states");

    internal string LocksDirectory => Path.Combine(Root, "locks");

    internal string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>Gets the directory of registered bases.</summary>
    public string BasesDirectory => Path.Combine(Root, "bases");

    /// <summary>Opens (creating if needed) the store at <paramref name="root"/> and removes what crashed builds left behind.</summary>
    /// <param name="root">The store directory.</param>
    /// <param name="runner">Runs qemu-img (default: real processes).</param>
    /// <param name="time">The clock (default: system).</param>
    public static LayerStore Open(string root, IProcessRunner? runner = null, TimeProvider? time = null)
    {
        var store = new LayerStore(Path.GetFullPath(root), new QemuImg(runner ?? ProcessRunner.Instance), time ?? TimeProvider.System);
        foreach (var dir in new[] { store.LayersDirectory, store.StatesDirectory, store.LocksDirectory, store.LogsDirectory, store.BasesDirectory })
        {
            Directory.CreateDirectory(dir);
        }

        store.Recover();
        return store;
    }

    /// <summary>Returns the absolute path of state <paramref name="id"/>'s layer.</summary>
    public string LayerPath(string id) => Path.Combine(LayersDirectory, LayerFileName(id));

    /// <summary>Returns the file name of state <paramref name="id"/>'s layer (what a child's header names as its backing file).</summary>
    public static string LayerFileName(string id) => id + ".qcow2";

    private string ManifestPath(string id) => Path.Combine(StatesDirectory, id + ".json");

    private string PinPath(string id) => Path.Combine(StatesDirectory, id + ".pin");

    /// <summary>Lists every committed state.</summary>
    public IReadOnlyList<StoredState> List() =>
        Directory.EnumerateFiles(StatesDirectory, "*.json")
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Select(f => Find(Path.GetFileNameWithoutExtension(f)))
            .OfType<StoredState>()
            .OrderBy(s => s.Manifest.CreatedUtc)
            .ToList();

    /// <summary>Returns the committed state <paramref name="id"/>, or null.</summary>
    public StoredState? Find(string id)
    {
        var path = ManifestPath(id);
        try
        {
            var manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), StoreJsonContext.Default.StateManifest);
            return manifest is null ? null : new StoredState(manifest, File.GetLastWriteTimeUtc(path), File.Exists(PinPath(id)), LayerPath(id));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Resolves a state id or a unique prefix of one (at least 6 characters).</summary>
    public StoredState? Resolve(string idOrPrefix)
    {
        ArgumentNullException.ThrowIfNull(idOrPrefix);
        if (Find(idOrPrefix) is { } exact)
        {
            return exact;
        }

        var matches = idOrPrefix.Length >= 6 ? List().Where(s => s.Id.StartsWith(idOrPrefix, StringComparison.Ordinal)).ToList() : [];
        return matches.Count == 1 ? matches[0] : null;
    }

    /// <summary>Returns every committed state as the planner sees it.</summary>
    public IReadOnlyList<BuiltState> BuiltStates() =>
        List().Select(s => new BuiltState(s.Id, s.Manifest.NodeHashes.ToHashSet(StringComparer.Ordinal))).ToList();

    /// <summary>Returns the chain of state <paramref name="id"/>, base first.</summary>
    public IReadOnlyList<StoredState> Chain(string id)
    {
        var chain = new List<StoredState>();
        for (var current = Find(id); current is not null; current = current.Manifest.ParentId is { } parent ? Find(parent) : null)
        {
            chain.Add(current);
        }

        chain.Reverse();
        return chain;
    }

    /// <summary>Marks state <paramref name="id"/> and its ancestors as used now (parents stay at least as recent as children).</summary>
    public void Touch(string id)
    {
        var now = Time.GetUtcNow().UtcDateTime;
        foreach (var state in Chain(id))
        {
            File.SetLastWriteTimeUtc(ManifestPath(state.Id), now);
        }
    }

    /// <summary>Pins or unpins state <paramref name="id"/>; a pinned state (and so its ancestors) is never evicted.</summary>
    /// <returns>False when there is no such state.</returns>
    public bool SetPinned(string id, bool pinned)
    {
        if (Find(id) is null)
        {
            return false;
        }

        if (pinned)
        {
            DurableFile.WriteAllBytes(PinPath(id), []);
        }
        else
        {
            File.Delete(PinPath(id));
        }

        return true;
    }

    /// <summary>Returns the bytes all committed layers occupy.</summary>
    public long TotalBytes() => List().Sum(s => new FileInfo(s.LayerPath).Length);

    /// <summary>Commits <paramref name="tempLayer"/> as state <paramref name="manifest"/>.Id; the caller holds that state's lock.</summary>
    /// <param name="tempLayer">A layer written under this store's layers directory; its backing file is renamed to the parent's final name first.</param>
    /// <param name="manifest">The manifest; its size and creation time are filled in here.</param>
    /// <param name="log">The build log to keep with the state, or null.</param>
    /// <param name="cancellationToken">Cancels before the commit point.</param>
    /// <returns>The committed state.</returns>
    public Task<StoredState> CommitAsync(string tempLayer, StateManifest manifest, string? log, CancellationToken cancellationToken = default) =>
        CommitAsync(tempLayer, manifest, log, backingNamed: false, cancellationToken);

    /// <summary>Commits like <see cref="CommitAsync(string, StateManifest, string?, CancellationToken)"/>; with <paramref name="backingNamed"/> the layer already names its parent's final file and is not rebased (it may be open in QEMU as a backing file).</summary>
    /// <param name="tempLayer">A layer written under this store's layers directory.</param>
    /// <param name="manifest">The manifest; its size and creation time are filled in here.</param>
    /// <param name="log">The build log to keep with the state, or null.</param>
    /// <param name="backingNamed">Whether the layer's header already names <c>LayerFileName(parent)</c>.</param>
    /// <param name="cancellationToken">Cancels before the commit point.</param>
    public async Task<StoredState> CommitAsync(string tempLayer, StateManifest manifest, string? log, bool backingNamed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        if (manifest.ParentId is { } parent && !backingNamed)
        {
            await QemuImg.RebaseUnsafeAsync(tempLayer, LayerFileName(parent), cancellationToken).ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        var final = LayerPath(manifest.Id);
        DurableFile.CommitRename(tempLayer, final);
        string? logPath = null;
        if (log is not null)
        {
            logPath = Path.Combine("logs", manifest.Id + ".log");
            DurableFile.WriteAllBytes(Path.Combine(Root, logPath), System.Text.Encoding.UTF8.GetBytes(log));
        }

        var complete = manifest with { LayerBytes = new FileInfo(final).Length, CreatedUtc = Time.GetUtcNow(), BuildLog = logPath ?? manifest.BuildLog };

        // The commit point: until this rename the state does not exist and recovery removes its layer.
        DurableFile.WriteAllBytes(ManifestPath(manifest.Id), JsonSerializer.SerializeToUtf8Bytes(complete, StoreJsonContext.Default.StateManifest));
        File.SetLastWriteTimeUtc(ManifestPath(manifest.Id), Time.GetUtcNow().UtcDateTime);
        File.Delete(FailedLogPath(manifest.Id));
        return Find(manifest.Id)!;
    }

    /// <summary>Replaces the build log of the committed state <paramref name="id"/> (atomically).</summary>
    public void WriteLog(string id, string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        DurableFile.WriteAllBytes(Path.Combine(LogsDirectory, id + ".log"), System.Text.Encoding.UTF8.GetBytes(log));
    }

    /// <summary>Keeps the whole log of the action that failed to become state <paramref name="id"/> (atomically, replacing an older one) and returns its path.</summary>
    public string KeepFailedLog(string id, string log)
    {
        ArgumentNullException.ThrowIfNull(log);
        var path = FailedLogPath(id);
        DurableFile.WriteAllBytes(path, System.Text.Encoding.UTF8.GetBytes(log));
        return path;
    }

    /// <summary>Where the log of a failed attempt at state <paramref name="id"/> is kept: <c>logs/ID.failed.log</c>, removed when the state is committed.</summary>
    public string FailedLogPath(string id) => Path.Combine(LogsDirectory, id + ".failed.log");

    /// <summary>Takes state <paramref name="id"/>'s build lock at once, or returns null when another build holds it.</summary>
    internal FileLock? TryLockState(string id) => FileLock.TryAcquire(Path.Combine(LocksDirectory, "state-" + id + ".lock"));

    /// <summary>Waits for state <paramref name="id"/>'s build lock.</summary>
    internal Task<FileLock> LockStateAsync(string id, Action? onWait, CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(Path.Combine(LocksDirectory, "state-" + id + ".lock"), new FileLockOptions { Time = Time, OnWait = onWait }, cancellationToken);

    /// <summary>Starts a build session: a unique id whose lock marks its temporary files as alive.</summary>
    internal BuildSession BeginSession()
    {
        var id = Guid.NewGuid().ToString("N")[..12];
        var sessionLock = FileLock.TryAcquire(Path.Combine(LocksDirectory, "build-" + id + ".lock"))
            ?? throw new IOException("cannot lock a new build session");
        return new BuildSession(this, id, sessionLock);
    }
}
