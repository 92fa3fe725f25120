using System.Security.Cryptography;
using VmMiddleware.Host.Durability;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Faults;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store;

/// <summary>Inserts: a copy streamed into a temporary file while it is hashed, or a file a writer staged in the temporaries directory; both committed by rename and entry file under the store lock.</summary>
public sealed partial class ContentStore
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>Copies <paramref name="source"/> into the store as a new entry (a no-op when the key is already there) and trims to the cap.</summary>
    /// <param name="source">The content, read to its end (a file, a pipe, a download).</param>
    /// <param name="request">The key, expected SHA-256, parent, metadata and whether to lease.</param>
    /// <param name="cancellationToken">Cancels the copy; nothing is left behind.</param>
    /// <returns>The entry, and its lease when one was asked for.</returns>
    /// <exception cref="InvalidDataException">The content does not hash as expected, or the parent is not in the store.</exception>
    public async Task<StoreCommit> AddAsync(Stream source, EntryRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(request);
        var expected = request.ExpectedSha256 is null ? null : ContentDigest.Normalize(request.ExpectedSha256);
        var known = Options.Keys == KeyKind.Named ? RequireNamedKey(request) : request.Key ?? expected;
        if (known is not null && await TryExistingAsync(known, request.Lease, cancellationToken).ConfigureAwait(false) is { } hit)
        {
            return hit;
        }

        using var session = BeginSession();
        var temp = session.TemporaryPath(0);
        string sha;
        long size;
        var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None, BufferSize = 1, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            // Owner-only while it is written, so not even a partial copy of a private image is readable by others.
            create.UnixCreateMode = OwnerOnly;
        }

        var stream = new FileStream(temp, create);
        await using (stream.ConfigureAwait(false))
        {
            sha = await CopyAndHashAsync(source, stream, cancellationToken).ConfigureAwait(false);
            size = stream.Length;
        }

        CheckExpected(request, expected, sha);
        if (request.Mode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(temp, mode);
        }

        Crash(CrashPoints.AddCopied);
        return await CommitLockedAsync(temp, KeyFor(request, sha), sha, size, request, dataSynced: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits a file a writer made in the temporaries directory (under a session's temporary name) as a new entry: hashed, rebased when the chain is linked, renamed into place.</summary>
    /// <param name="stagedPath">The complete file, in <see cref="TemporariesDirectory"/>.</param>
    /// <param name="request">The key, parent, metadata and whether to lease.</param>
    /// <param name="cancellationToken">Cancels before the commit point.</param>
    /// <returns>The entry, and its lease when one was asked for.</returns>
    /// <exception cref="InvalidDataException">The content does not hash as expected, or the parent is not in the store.</exception>
    public async Task<StoreCommit> CommitAsync(string stagedPath, EntryRequest request, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(stagedPath);
        ArgumentNullException.ThrowIfNull(request);
        var staged = Path.GetFullPath(stagedPath);
        if (Path.GetDirectoryName(staged) != TemporariesDirectory)
        {
            throw new ArgumentException($"{staged} is not in the store's temporaries directory {TemporariesDirectory}", nameof(stagedPath));
        }

        if (Options.Keys == KeyKind.Named)
        {
            RequireNamedKey(request);
        }

        var rebase = Options.Chains == ChainMode.Linked && request.Parent is not null && !request.BackingNamed;
        if (rebase)
        {
            await Options.QemuImg!.RebaseUnsafeAsync(staged, Path.GetFileName(ObjectPath(request.Parent!)), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        var sha = request.StagedSha256 is { } known && !rebase
            ? ContentDigest.Normalize(known)
            : await ContentDigest.OfFileAsync(staged, cancellationToken).ConfigureAwait(false);
        var expected = request.ExpectedSha256 is null ? null : ContentDigest.Normalize(request.ExpectedSha256);
        CheckExpected(request, expected, sha);
        if (request.Mode is { } mode && !OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(staged, mode);
        }

        cancellationToken.ThrowIfCancellationRequested();
        return await CommitLockedAsync(staged, KeyFor(request, sha), sha, new FileInfo(staged).Length, request, dataSynced: false, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Renames the complete temporary file into place and writes its entry file, under the store lock; discards it when the key is already there.</summary>
    /// <remarks>
    /// Four flushes for a commit and its trim: the object's data (already done when <paramref name="dataSynced"/>), the entry file's data, and
    /// then once each the object's directory and the entries directory, before the commit is reported. A power cut before those last two leaves
    /// at worst an entry without its object (dropped by recovery) or an object without entry (adopted or removed), never a torn file.
    /// </remarks>
    private async Task<StoreCommit> CommitLockedAsync(string temp, string key, string sha, long size, EntryRequest request, bool dataSynced, CancellationToken cancellationToken)
    {
        if (request.Parent is { } parent)
        {
            RequireKey(parent);
            if (Options.Chains == ChainMode.None)
            {
                throw new ArgumentException("This store keeps no layer chains; an entry cannot have a parent.", nameof(request));
            }
        }

        using var guard = await LockStoreAsync(cancellationToken).ConfigureAwait(false);
        if (request.Parent is { } below && ReadEntry(below).Entry is null)
        {
            throw new InvalidDataException($"{Show(key)}: its parent {Show(below)} is not in the store (evicted while it was being added?)");
        }

        var target = ObjectPath(key);
        var (existing, _) = ReadEntry(key);
        if (existing is not null && File.Exists(target))
        {
            // Another writer won the race for the same key: ours is discarded.
            File.Delete(temp);
            var held = request.Lease ? LeaseLocked(key) : null;
            Touch(key);
            return new StoreCommit(existing, held, Added: false);
        }

        var wasClean = BeginChange();
        var directory = Path.GetDirectoryName(target)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            DurableFile.SyncDirectory(ObjectsDirectory);
        }

        DurableFile.CommitRename(temp, target, overwrite: true, dataSynced, syncDirectory: false);
        Crash(CrashPoints.CommitRenamed);
        var now = Options.Time.GetUtcNow();
        var record = new EntryRecord
        {
            Key = key, Parent = request.Parent, Size = size, Sha256 = sha, CreatedUtc = now, Metadata = request.Metadata,
            Verified = Options.VerifyOnLease ? FileStamp.Of(target) : null,
        };
        WriteRecord(key, record, now, syncDirectory: false);
        Crash(CrashPoints.CommitRecorded);
        var lease = request.Lease ? LeaseLocked(key) : null;
        if (Options.CapBytes is { } cap)
        {
            TrimLocked(cap, exclude: key);
        }

        DurableFile.SyncDirectory(directory);
        DurableFile.SyncDirectory(EntriesDirectory);
        EndChange(wasClean);

        return new StoreCommit(ToEntry(record, now, inUse: lease is not null), lease, Added: true);
    }

    /// <summary>Returns the entry already stored under <paramref name="key"/>, touched (and leased when asked, without a content check), or null: the cheap path of an insert whose key is known before any copy.</summary>
    /// <param name="key">The key.</param>
    /// <param name="lease">Whether to lease the entry and its chain.</param>
    /// <param name="cancellationToken">Stops waiting for the store lock.</param>
    public async Task<StoreCommit?> TryExistingAsync(string key, bool lease, CancellationToken cancellationToken)
    {
        RequireKey(key);
        using var guard = await LockStoreAsync(cancellationToken).ConfigureAwait(false);
        var (entry, _) = ReadEntry(key);
        if (entry is null || !File.Exists(entry.ObjectPath))
        {
            return null;
        }

        var held = lease ? LeaseLocked(key) : null;
        if (lease && held is null)
        {
            return null;
        }

        Touch(key);
        return new StoreCommit(entry with { InUse = held is not null }, held, Added: false);
    }

    private string RequireNamedKey(EntryRequest request)
    {
        var key = request.Key ?? throw new ArgumentException("A store of named keys needs the entry's key.", nameof(request));
        RequireKey(key);
        return key;
    }

    private string KeyFor(EntryRequest request, string sha)
    {
        if (Options.Keys == KeyKind.Named)
        {
            return request.Key!;
        }

        if (request.Key is { } given && given != sha)
        {
            throw new InvalidDataException($"{request.SourceName}: content is {ContentDigest.Show(sha)}, expected {ContentDigest.Show(given)}");
        }

        return sha;
    }

    private static void CheckExpected(EntryRequest request, string? expected, string sha)
    {
        if (expected is not null && sha != expected)
        {
            throw new InvalidDataException($"{request.SourceName}: content is {ContentDigest.Show(sha)}, expected {ContentDigest.Show(expected)}");
        }
    }

    private static async Task<string> CopyAndHashAsync(Stream source, FileStream target, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        int read;
        while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
        }

        target.Flush(flushToDisk: true);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
