using System.Text.Json;
using VmMiddleware.Host.Files;
using VmMiddleware.Host.Hashing;
using VmMiddleware.Store;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Leasing;

namespace VmMiddleware.Remote.Transfer;

/// <summary>The gateway side of an upload (<c>vmgrid job stage</c>): moves complete uploads from ROOT/partial into the store, leases every content of the job, builds ROOT/jobs/ID from hard links, and trims the store to its cap.</summary>
/// <remarks>
/// The leases last only while the job directory is built: once a file is a hard link in the job directory its bytes live as long as that
/// link, whatever the store evicts, so a job never loses a file and needs no lease while it runs. What a lease prevents is a concurrent
/// stage's trim deleting an object between the moment it is found (or committed) here and the moment it is linked.
/// </remarks>
public static class GatewayStager
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode ReadExecute = ReadOnly | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    /// <summary>Stages job <paramref name="id"/> from the store under <paramref name="options"/>' root (the gateway root).</summary>
    /// <param name="options">The store's configuration (<see cref="GatewayStore.Options"/>).</param>
    /// <param name="capBytes">The size the store is trimmed to once the job directory is built (least recently used first, never a content of this job).</param>
    /// <param name="id">The job id, which names its directory under ROOT/jobs.</param>
    /// <param name="files">The job's files.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>The job directory, or what is missing or corrupt (then no directory is built).</returns>
    /// <exception cref="IOException">The job directory exists already, or a file system operation failed.</exception>
    public static async Task<StageResult> StageAsync(StoreOptions options, long capBytes, string id, IReadOnlyList<StageFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(files);
        if (id.Length == 0 || id.Contains('/', StringComparison.Ordinal) || id is "." or ".." || id.EndsWith(".partial", StringComparison.Ordinal))
        {
            throw new ArgumentException($"'{id}' is not a job id", nameof(id));
        }

        var store = await ContentStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        var job = GatewayLayout.Job(store.Root, id);
        if (Directory.Exists(job))
        {
            throw new IOException($"the job directory {job} exists already");
        }

        var leases = new List<StoreLease>();
        try
        {
            var present = 0;
            // Everything the store holds is leased first: a concurrent stage's trim cannot take it before it is linked.
            var uploads = new List<StageFile>();
            foreach (var file in files.DistinctBy(f => f.Sha256))
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (store.TryLease(file.Sha256) is { } lease)
                {
                    leases.Add(lease);
                    present++;
                }
                else
                {
                    uploads.Add(file);
                }
            }

            var (stored, missing, corrupt) = await StoreUploadsAsync(store, uploads, leases, cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0 || corrupt.Count > 0)
            {
                return new StageResult(null, missing, corrupt, stored, present, []);
            }

            Build(store, job, files);
            var evicted = store.Trim(capBytes);
            return new StageResult(job, [], [], stored, present, evicted);
        }
        finally
        {
            foreach (var lease in leases)
            {
                lease.Dispose();
            }
        }
    }

    /// <summary>Moves the complete uploads of <paramref name="files"/> into the store (<c>vmgrid job stage</c> without an id, run after each upload so that ROOT/partial only ever holds unfinished ones); builds nothing, leases nothing, trims nothing.</summary>
    /// <param name="options">The store's configuration (<see cref="GatewayStore.Options"/>).</param>
    /// <param name="files">The contents just uploaded.</param>
    /// <param name="cancellationToken">Stops between files.</param>
    /// <returns>What was stored, present, missing or corrupt (corrupt uploads are removed).</returns>
    public static async Task<StageResult> StoreAsync(StoreOptions options, IReadOnlyList<StageFile> files, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var store = await ContentStore.OpenAsync(options, cancellationToken).ConfigureAwait(false);
        var distinct = files.DistinctBy(f => f.Sha256).ToList();
        var uploads = distinct.Where(f => store.Find(f.Sha256) is null).ToList();
        var (stored, missing, corrupt) = await StoreUploadsAsync(store, uploads, null, cancellationToken).ConfigureAwait(false);
        var present = distinct.Count - uploads.Count;
        return new StageResult(null, missing, corrupt, stored, present, []);
    }

    /// <summary>Returns <paramref name="result"/> as the one line of JSON <c>vmgrid job stage</c> prints.</summary>
    public static string ToJson(StageResult result) => JsonSerializer.Serialize(result, TransferJsonContext.Default.StageResult);

    /// <summary>Reads what <see cref="ToJson"/> wrote.</summary>
    /// <exception cref="JsonException">It is not that JSON.</exception>
    public static StageResult FromJson(string json) => JsonSerializer.Deserialize(json, TransferJsonContext.Default.StageResult) ?? throw new JsonException("null");

    // Stores each complete upload, leased when leases is given; returns how many were stored and which were missing or corrupt.
    private static async Task<(int Stored, List<string> Missing, List<CorruptUpload> Corrupt)> StoreUploadsAsync(ContentStore store, IReadOnlyList<StageFile> uploads, List<StoreLease>? leases, CancellationToken cancellationToken)
    {
        var (stored, missing, corrupt) = (0, new List<string>(), new List<CorruptUpload>());
        foreach (var file in uploads)
        {
            cancellationToken.ThrowIfCancellationRequested();
            switch (await StoreUploadAsync(store, file, leases is not null, cancellationToken).ConfigureAwait(false))
            {
                case StoreLease committed:
                    leases!.Add(committed);
                    stored++;
                    break;
                case StoreEntry:
                    stored++;
                    break;
                case CorruptUpload refused:
                    corrupt.Add(refused);
                    break;
                default:
                    missing.Add(file.Sha256);
                    break;
            }
        }

        return (stored, missing, corrupt);
    }

    // The upload is moved under a session's temporary name first: from there a kill leaves a temporary the next open deletes, never a
    // half-committed blob, and no other stage can take the same partial at once.
    // Returns the lease (when asked) or the entry, the corrupt upload, or null when there is no complete upload (or it could not be leased).
    private static async Task<object?> StoreUploadAsync(ContentStore store, StageFile file, bool lease, CancellationToken cancellationToken)
    {
        var partial = Path.Combine(store.Root, GatewayLayout.Partial, file.Sha256);
        using var session = store.BeginSession();
        var temp = session.TemporaryPath(0);
        try
        {
            File.Move(partial, temp);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var actual = await FileDigest.Sha256HexAsync(temp, cancellationToken).ConfigureAwait(false);
        if (actual != file.Sha256)
        {
            File.Delete(temp);
            return new CorruptUpload(file.RelativePath, file.Sha256, actual);
        }

        var request = new EntryRequest
        {
            ExpectedSha256 = file.Sha256, StagedSha256 = actual, Mode = file.Executable ? ReadExecute : ReadOnly, Lease = lease, SourceName = file.RelativePath,
        };
        var commit = await store.CommitAsync(temp, request, cancellationToken).ConfigureAwait(false);
        return lease ? commit.Lease : commit.Entry;
    }

    // Built beside its place and renamed into it, so a job directory is whole or absent.
    private static void Build(ContentStore store, string job, IReadOnlyList<StageFile> files)
    {
        var building = job + ".partial";
        if (Directory.Exists(building))
        {
            Directory.Delete(building, recursive: true);
        }

        Directory.CreateDirectory(Path.Combine(building, "out"));
        foreach (var file in files)
        {
            var target = Path.Combine(building, file.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            HardLink.Create(store.ObjectPath(file.Sha256), target);
        }

        Directory.Move(building, job);
    }
}
