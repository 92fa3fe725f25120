using System.Text.Json;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Locking;
using VmMiddleware.Images.Planning;
using VmMiddleware.Store;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Eviction;
using VmMiddleware.Store.Leasing;

namespace VmMiddleware.Images.Store;

/// <summary>The factory's layer store: a configuration of <see cref="ContentStore"/> whose keys are prefix-state ids and whose entries are qcow2 layers, each naming its parent's layer by relative file name, with the state's manifest as the entry's metadata.</summary>
/// <remarks>
/// Layout under <see cref="Root"/>: <c>layers/ID.qcow2</c>, <c>states/ID.json</c> (the entry file: parent, size, SHA-256, pin, manifest; its mtime is the last use),
/// <c>logs/ID.log</c> (and <c>logs/ID.failed.log</c>, the log of a failed attempt), <c>locks/</c> (flock files), <c>bases/</c> (registered bases), <c>exports/</c>, <c>work/SESSION/</c> (a build's scratch space).
/// Builds write <c>layers/.tmp-SESSION-N.qcow2</c> while their session lock is held; opening the store removes what dead builds left (src/VmMiddleware.Store/README.md).
/// </remarks>
public sealed partial class LayerStore
{
    private LayerStore(ContentStore store, QemuImg qemuImg, TimeProvider time)
    {
        Store = store;
        QemuImg = qemuImg;
        Time = time;
    }

    /// <summary>Gets the store's root directory.</summary>
    public string Root => Store.Root;

    /// <summary>Gets the qemu-img wrapper the store uses.</summary>
    public QemuImg QemuImg { get; }

    /// <summary>Gets the store's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>Gets the directory of registered bases.</summary>
    public string BasesDirectory => Path.Combine(Root, "bases");

    internal string LayersDirectory => Store.ObjectsDirectory;

    /// <summary>Gets the directory of the state entry files (one per committed state; a commit, pin, use or removal changes it), for watchers.</summary>
    public string StatesDirectory => Store.EntriesDirectory;

    internal string LocksDirectory => Store.LocksDirectory;

    internal string LogsDirectory => Path.Combine(Root, "logs");

    /// <summary>Gets the content store this configures.</summary>
    internal ContentStore Store { get; }

    /// <summary>Returns the store configuration of a layer store at <paramref name="root"/> (see <see cref="OpenAsync(string, QemuImg, TimeProvider?, CancellationToken)"/>).</summary>
    public static StoreOptions Configuration(string root, QemuImg qemuImg, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(qemuImg);
        var full = Path.GetFullPath(root);
        return new StoreOptions
        {
            Root = full,
            Keys = KeyKind.Named,
            Chains = ChainMode.Linked,
            Layout = new StoreLayout { Objects = "layers", FanOut = false, ObjectExtension = ".qcow2", Temporaries = "layers", Entries = "states", Attachments = ["logs/{key}.log"] },
            QemuImg = qemuImg,
            Time = time ?? TimeProvider.System,
            ReadLegacyEntry = (key, json) => ReadLegacyManifest(full, key, json),
        };
    }

    /// <summary>Opens (creating if needed) the store at <paramref name="root"/> and removes what crashed builds left behind.</summary>
    /// <param name="root">The store directory.</param>
    /// <param name="qemuImg">The qemu-img client the store and its builds use.</param>
    /// <param name="time">The clock (default: system).</param>
    /// <param name="cancellationToken">Stops recovery's qemu-img runs.</param>
    /// <returns>The open store.</returns>
    public static Task<LayerStore> OpenAsync(string root, QemuImg qemuImg, TimeProvider? time = null, CancellationToken cancellationToken = default) =>
        OpenAsync(Configuration(root, qemuImg, time), cancellationToken);

    /// <summary>Opens a layer store from its store configuration (crash tests adjust it).</summary>
    internal static async Task<LayerStore> OpenAsync(StoreOptions options, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(Path.Combine(options.Root, "bases"));
        var store = await ContentStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);

        // Stores written before the content store kept pins as states/ID.pin; recovery has moved them into the entry files.
        foreach (var pin in Directory.EnumerateFiles(store.EntriesDirectory, "*.pin").ToList())
        {
            File.Delete(pin);
        }

        return new LayerStore(store, options.QemuImg!, options.Time);
    }

    /// <summary>Returns the absolute path of state <paramref name="id"/>'s layer.</summary>
    public string LayerPath(string id) => Path.Combine(LayersDirectory, LayerFileName(id));

    /// <summary>Returns the file name of state <paramref name="id"/>'s layer (what a child's header names as its backing file).</summary>
    public static string LayerFileName(string id) => id + ".qcow2";

    /// <summary>Lists every committed state.</summary>
    public IReadOnlyList<StoredState> List() => Store.List().Select(ToState).OfType<StoredState>().OrderBy(s => s.Manifest.CreatedUtc).ToList();

    /// <summary>Returns the committed state <paramref name="id"/>, or null.</summary>
    public StoredState? Find(string id) => Store.Find(id) is { } entry ? ToState(entry) : null;

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
    public IReadOnlyList<StoredState> Chain(string id) => Store.Chain(id).Select(ToState).OfType<StoredState>().Reverse().ToList();

    /// <summary>Marks state <paramref name="id"/> and its ancestors as used now (parents stay at least as recent as children).</summary>
    public void Touch(string id) => Store.Touch(id);

    /// <summary>Leases state <paramref name="id"/> and its ancestors (touching them): while the lease is held, eviction and removal leave them alone.</summary>
    /// <returns>The lease, or null when there is no such state.</returns>
    public StoreLease? Lease(string id) => Store.TryLease(id);

    /// <summary>Pins or unpins state <paramref name="id"/>; a pinned state (and so its ancestors) is never evicted.</summary>
    /// <returns>False when there is no such state.</returns>
    public bool SetPinned(string id, bool pinned) => Store.SetPinned(id, pinned);

    /// <summary>Returns the bytes all committed layers occupy.</summary>
    public long TotalBytes() => Store.TotalBytes();

    /// <summary>Evicts least-recently-used, unpinned states until the layers fit in <paramref name="capBytes"/>.</summary>
    /// <remarks>Only leaves go (states no other state is backed by), so a state with dependants is evicted only after them; states a build holds or leases are skipped.</remarks>
    /// <param name="capBytes">The size cap in bytes.</param>
    /// <returns>The ids evicted, in order.</returns>
    public IReadOnlyList<string> Evict(long capBytes) => Store.Trim(capBytes);

    /// <summary>Removes state <paramref name="id"/> and every state that depends on it, unless one of them is pinned or in use.</summary>
    /// <returns>The ids removed (dependants first), or an empty list when nothing could be removed.</returns>
    public IReadOnlyList<string> Remove(string id) => Store.Remove(id) is { Status: RemovalStatus.Removed } result ? result.Removed : [];

    /// <summary>Removes what dead builds left: their temporary layers and scratch directories, layers that never got a manifest, and states whose layer or parent is gone.</summary>
    /// <param name="cancellationToken">Stops recovery's qemu-img runs.</param>
    /// <returns>The number of files and states removed.</returns>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken = default) => (await Store.RecoverAsync(cancellationToken).ConfigureAwait(false)).Total;

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
        string? logPath = null;
        if (log is not null)
        {
            // An attachment written before the commit: recovery removes it with the layer if the commit never happens.
            logPath = Path.Combine("logs", manifest.Id + ".log");
            DurableFile.WriteAllBytes(Path.Combine(Root, logPath), System.Text.Encoding.UTF8.GetBytes(log));
        }

        // Size and creation time as the caller sees them; the store's own figures (StoredState) are the entry's.
        var described = manifest with { LayerBytes = new FileInfo(tempLayer).Length, CreatedUtc = Time.GetUtcNow(), BuildLog = logPath ?? manifest.BuildLog };
        var request = new EntryRequest
        {
            Key = manifest.Id, Parent = manifest.ParentId, BackingNamed = backingNamed, SourceName = tempLayer,
            Metadata = JsonSerializer.SerializeToElement(described, StoreJsonContext.Default.StateManifest),
        };
        var commit = await Store.CommitAsync(tempLayer, request, cancellationToken).ConfigureAwait(false);
        File.Delete(FailedLogPath(manifest.Id));
        return ToState(commit.Entry)!;
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

    /// <summary>Takes state <paramref name="id"/>'s build lock at once, or returns null when another build holds it; a held state is not evicted.</summary>
    internal FileLock? TryLockState(string id) => Store.TryLockKey(id);

    /// <summary>Waits for state <paramref name="id"/>'s build lock.</summary>
    internal Task<FileLock> LockStateAsync(string id, Action? onWait, CancellationToken cancellationToken) => Store.LockKeyAsync(id, onWait, cancellationToken);

    /// <summary>Starts a build session: a unique id whose lock marks its temporary files and scratch directory as alive.</summary>
    internal BuildSession BeginSession() => new(Store.BeginSession());

    /// <summary>The state an entry holds: its manifest, with the store's word on id, parent, size and creation time.</summary>
    private static StoredState? ToState(StoreEntry entry)
    {
        var manifest = entry.Metadata?.Deserialize(StoreJsonContext.Default.StateManifest);
        return manifest is null ? null : new StoredState(
            manifest with { Id = entry.Key, ParentId = entry.Parent, LayerBytes = entry.Size, CreatedUtc = entry.CreatedUtc }, entry.LastUsedUtc, entry.Pinned, entry.ObjectPath)
        {
            Sha256 = entry.Sha256,
        };
    }

    /// <summary>Reads a manifest written before the layer store was a content store configuration (<c>states/ID.json</c> was the bare manifest, <c>states/ID.pin</c> the pin).</summary>
    private static LegacyEntry? ReadLegacyManifest(string root, string key, JsonElement json)
    {
        StateManifest? manifest;
        try
        {
            manifest = json.Deserialize(StoreJsonContext.Default.StateManifest);
        }
        catch (JsonException)
        {
            return null;
        }

        return manifest is { NodeHashes: not null } && manifest.Id == key
            ? new LegacyEntry(manifest.ParentId, File.Exists(Path.Combine(root, "states", key + ".pin")), manifest.CreatedUtc, json)
            : null;
    }
}
