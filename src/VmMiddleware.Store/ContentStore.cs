using VmMiddleware.Host.Locking;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Recovery;
using VmMiddleware.Store.Sessions;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store;

/// <summary>The one content store: entries (blobs or qcow2 layers) by key with their SHA-256, leases, pins, LRU eviction that keeps chains whole, and recovery after a kill; every cache and catalogue of the project is a configuration of it.</summary>
/// <remarks>
/// Layout, invariants and the lock protocol are in the project's README. In short: an object is renamed into place and then its entry
/// file is written (the commit point), both under the store lock; a removal deletes the object first (its commit point) and then the
/// entry file; a lease is a shared flock per entry of the chain taken under the store lock, eviction an exclusive one taken under it too.
/// </remarks>
public sealed partial class ContentStore
{
    private const int MaxKeyLength = 128;

    private ContentStore(StoreOptions options, string root)
    {
        Options = options;
        Root = root;
    }

    /// <summary>Gets the configuration the store was opened with.</summary>
    public StoreOptions Options { get; }

    /// <summary>Gets the store's absolute root directory.</summary>
    public string Root { get; }

    /// <summary>Gets what the recovery run by <see cref="OpenAsync"/> repaired.</summary>
    public RecoveryReport Recovery { get; private set; } = RecoveryReport.Empty;

    /// <summary>Gets the absolute directory of the object files.</summary>
    public string ObjectsDirectory => Path.Combine(Root, Options.Layout.Objects);

    /// <summary>Gets the absolute directory of temporary files.</summary>
    public string TemporariesDirectory => Path.Combine(Root, Options.Layout.Temporaries);

    /// <summary>Gets the absolute directory of the entry files.</summary>
    public string EntriesDirectory => Path.Combine(Root, Options.Layout.Entries);

    /// <summary>Gets the absolute directory of the lock files.</summary>
    public string LocksDirectory => Path.Combine(Root, Options.Layout.Locks);

    /// <summary>Gets the absolute directory of sessions' scratch directories.</summary>
    public string WorkDirectory => Path.Combine(Root, Options.Layout.Work);

    private bool TemporariesAreObjects => Options.Layout.Temporaries == Options.Layout.Objects;

    /// <summary>Opens (creating if needed) the store <paramref name="options"/> describe and recovers it from whatever a crash or a kill left.</summary>
    /// <param name="options">The configuration.</param>
    /// <param name="cancellationToken">Stops recovery's qemu-img runs (see <see cref="RecoverAsync"/>).</param>
    /// <returns>The open store, with what recovery repaired in <see cref="Recovery"/>.</returns>
    /// <exception cref="ArgumentException">The options contradict each other (a linked chain needs one flat directory for objects and temporaries, and qemu-img).</exception>
    public static async Task<ContentStore> OpenAsync(StoreOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Root);
        if (options.CapBytes is < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The size cap must not be negative.");
        }

        if (options.Chains == ChainMode.Linked && (options.Layout.FanOut || options.Layout.Temporaries != options.Layout.Objects || options.QemuImg is null))
        {
            throw new ArgumentException("Linked layer chains need a flat objects directory that also holds the temporaries, and a qemu-img client.", nameof(options));
        }

        var store = new ContentStore(options, Path.GetFullPath(options.Root));
        foreach (var dir in new[] { store.Root, store.ObjectsDirectory, store.TemporariesDirectory, store.EntriesDirectory, store.LocksDirectory })
        {
            Directory.CreateDirectory(dir);
        }

        foreach (var attachment in options.Layout.Attachments)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(store.Root, attachment))!);
        }

        store.Recovery = await store.RecoverAsync(cancellationToken).ConfigureAwait(false);
        return store;
    }

    /// <summary>Tells whether <paramref name="key"/> is a key of this store (64 lower-case hex digits, or a name of 1 to 128 characters of <c>[A-Za-z0-9_-]</c>).</summary>
    public bool IsKey(string? key) => key switch
    {
        null => false,
        _ when Options.Keys == KeyKind.ContentSha256 => key.Length == 64 && key.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'),
        _ => key.Length is > 0 and <= MaxKeyLength && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') && (!Options.Layout.FanOut || key.Length > 2),
    };

    /// <summary>Returns the absolute path <paramref name="key"/>'s object has (or would have).</summary>
    public string ObjectPath(string key)
    {
        RequireKey(key);
        return Options.Layout.FanOut
            ? Path.Combine(ObjectsDirectory, key[..2], key[2..] + Options.Layout.ObjectExtension)
            : Path.Combine(ObjectsDirectory, key + Options.Layout.ObjectExtension);
    }

    /// <summary>Takes <paramref name="key"/>'s producer lock at once, or returns null when another producer holds it; while held, the entry is not evicted.</summary>
    /// <remarks>Producers of the same key (builders of one state, downloaders of one layer) take it so that one makes the entry and the others find it made.</remarks>
    public FileLock? TryLockKey(string key)
    {
        RequireKey(key);
        return FileLock.TryAcquire(MakeLockPath(key));
    }

    /// <summary>Waits for <paramref name="key"/>'s producer lock (see <see cref="TryLockKey"/>).</summary>
    /// <param name="key">The key.</param>
    /// <param name="onWait">Called once if the lock is busy (to say "waiting for another build").</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    public Task<FileLock> LockKeyAsync(string key, Action? onWait, CancellationToken cancellationToken)
    {
        RequireKey(key);
        return FileLock.AcquireAsync(MakeLockPath(key), new FileLockOptions { OnWait = onWait }, cancellationToken);
    }

    /// <summary>Starts a session: a unique id whose lock keeps its temporary files and scratch directory alive through other processes' recoveries.</summary>
    public StoreSession BeginSession()
    {
        // Recovery probes session locks under the store lock; creating one under it too means recovery never sees a session lock file before it is held.
        using var guard = LockStore();
        var id = Guid.NewGuid().ToString("N")[..12];
        var held = FileLock.TryAcquire(SessionLockPath(id)) ?? throw new IOException("cannot lock a new session in " + LocksDirectory);
        return new StoreSession(id, TemporariesDirectory, WorkDirectory, held);
    }

    /// <summary>Returns how messages show <paramref name="key"/>: <c>sha256:</c> and the hex in a content-addressed store, else the key.</summary>
    public string Show(string key) => Options.Keys == KeyKind.ContentSha256 ? ContentDigest.Show(key) : key;

    internal string EntryPath(string key) => Path.Combine(EntriesDirectory, key + ".json");

    internal string LeaseLockPath(string key) => Path.Combine(LocksDirectory, key + ".lease");

    internal string MakeLockPath(string key) => Path.Combine(LocksDirectory, key + ".make");

    internal string SessionLockPath(string id) => Path.Combine(LocksDirectory, "session-" + id + ".lock");

    internal string StoreLockPath => Path.Combine(LocksDirectory, "store.lock");

    /// <summary>Takes the store lock: short, exclusive, around every change of entry files and every lease or eviction decision. Never nested.</summary>
    internal FileLock LockStore() => FileLock.Acquire(StoreLockPath, new FileLockOptions { Timeout = Options.LockTimeout });

    internal Task<FileLock> LockStoreAsync(CancellationToken cancellationToken) =>
        FileLock.AcquireAsync(StoreLockPath, new FileLockOptions { Timeout = Options.LockTimeout }, cancellationToken);

    internal void Crash(string point) => Options.CrashPoint?.Invoke(point);

    private void RequireKey(string key)
    {
        if (!IsKey(key))
        {
            throw new ArgumentException(Options.Keys == KeyKind.ContentSha256
                ? $"'{key}' is not a content key (64 lower-case hex digits)"
                : $"'{key}' is not a key (1 to {MaxKeyLength} characters of A-Z, a-z, 0-9, _ and -)", nameof(key));
        }
    }
}
