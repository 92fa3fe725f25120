using System.Text.Json;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Fetching;
using VmMiddleware.Plugins.Transfer;
using VmMiddleware.Store;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Leasing;
using VmMiddleware.Host.Files;

namespace VmMiddleware.Plugins.Cache;

/// <summary>
/// The vmimage:// plugin's per-machine cache: a configuration of <see cref="ContentStore"/> (content keys, recorded chains, verify on
/// lease, a cap) shared by every plugin process on the machine. Each layer is fetched under its key's producer lock, so concurrent
/// plugins download it once; the chain is leased while the job's links are made.
/// </summary>
public sealed class PluginCache
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode Executable = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    private PluginCache(ContentStore store, long? capBytes)
    {
        Store = store;
        CapBytes = capBytes;
    }

    /// <summary>Gets the content store this configures.</summary>
    public ContentStore Store { get; }

    /// <summary>Gets the cap in bytes, or null.</summary>
    public long? CapBytes { get; }

    /// <summary>Returns the store configuration of the plugin cache in <paramref name="options"/>.</summary>
    public static StoreOptions Configuration(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new StoreOptions
        {
            Root = Path.GetFullPath(options.CacheRoot),
            Keys = KeyKind.ContentSha256,
            Chains = ChainMode.Recorded,
            VerifyOnLease = true,
            CapBytes = options.CapBytes,
            Time = options.Time,
        };
    }

    /// <summary>Opens (creating and recovering) the cache that <paramref name="options"/> names.</summary>
    /// <param name="options">The plug-in's settings.</param>
    /// <param name="cancellationToken">Stops recovery.</param>
    /// <returns>The open cache.</returns>
    public static async Task<PluginCache> OpenAsync(PluginOptions options, CancellationToken cancellationToken = default) =>
        new(await ContentStore.OpenAsync(Configuration(options), cancellationToken).ConfigureAwait(false), options?.CapBytes);

    /// <summary>Returns the state ids of the layers in the cache, sorted (what the startd cron ad advertises).</summary>
    public IReadOnlyList<string> StateIds() =>
        Store.List().Select(e => Metadata(e)?.StateId).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Makes sure every layer of <paramref name="chain"/> is in the cache, downloading the missing ones base first, and leases the chain.</summary>
    /// <exception cref="FetchException">The chain does not fit under the cap, or a download failed.</exception>
    public async Task<CachedChain> FetchAsync(VmImageUrl url, IReadOnlyList<ChainLayer> chain, FactoryDownloads downloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(chain);
        ArgumentNullException.ThrowIfNull(downloads);
        var total = chain.Sum(l => l.SizeBytes);
        if (CapBytes is { } cap && total > cap)
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.CacheTooSmall,
                $"image {url.StateId} needs {total} bytes ({chain.Count} layers) and this machine's vmimage cache is capped at {cap} bytes (cache-cap in the plugin's configuration)", -1)
            { FailureType = "Quota" });
        }

        var leases = new List<StoreLease>();
        var layers = new List<(ChainLayer, string)>();
        var downloaded = 0;
        try
        {
            string? parentKey = null;
            foreach (var layer in chain)
            {
                var (lease, fetched) = await LayerAsync(url, layer, parentKey, downloads, cancellationToken).ConfigureAwait(false);
                leases.Add(lease);
                layers.Add((layer, lease.Entry.ObjectPath));
                downloaded += fetched ? 1 : 0;
                parentKey = layer.Sha256;
            }

            return new CachedChain(leases, layers, downloaded);
        }
        catch
        {
            leases.ForEach(l => l.Dispose());
            throw;
        }
    }

    /// <summary>Makes sure the published file <paramref name="url"/> names (<paramref name="sizeBytes"/> bytes) is in the cache, downloading it if not, and leases it.</summary>
    /// <returns>The lease, and whether it was downloaded.</returns>
    /// <exception cref="FetchException">The file does not fit under the cap, or the download failed.</exception>
    public Task<(StoreLease Lease, bool Downloaded)> FetchArtifactAsync(ArtifactUrl url, long sizeBytes, FactoryDownloads downloads, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(downloads);
        if (CapBytes is { } cap && sizeBytes > cap)
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.CacheTooSmall,
                $"{url.Name} ({url.Sha256}) needs {sizeBytes} bytes and this machine's vmimage cache is capped at {cap} bytes (cache-cap in the plugin's configuration)", -1)
            { FailureType = "Quota" });
        }

        // No layer metadata: an artifact is not a state, and the startd cron ad does not advertise it. Executable: it may be the launcher.
        return EntryAsync(url.Sha256, null, url.Address.ToString(), null, ReadOnly | Executable,
            temp => downloads.DownloadAsync(url.Address, sizeBytes, url.Sha256, temp, cancellationToken), cancellationToken);
    }

    private Task<(StoreLease Lease, bool Downloaded)> LayerAsync(VmImageUrl url, ChainLayer layer, string? parentKey, FactoryDownloads downloads, CancellationToken cancellationToken) =>
        EntryAsync(layer.Sha256, parentKey, url.Service + "v1/layers/" + layer.FileName,
            JsonSerializer.SerializeToElement(new LayerMetadata(layer.StateId, layer.ParentId, url.Service.GetLeftPart(UriPartial.Authority)), PluginJsonContext.Default.LayerMetadata),
            ReadOnly, temp => downloads.DownloadAsync(url.Service, layer, temp, cancellationToken), cancellationToken);

    private async Task<(StoreLease Lease, bool Downloaded)> EntryAsync(string sha256, string? parentKey, string source, JsonElement? metadata, UnixFileMode mode, Func<string, Task> download, CancellationToken cancellationToken)
    {
        var extension = parentKey is null && metadata is null ? string.Empty : ".qcow2";
        using var producing = await Store.LockKeyAsync(sha256, onWait: null, cancellationToken).ConfigureAwait(false);

        // A cached entry is hashed again here if its file changed since its last good check; a corrupt one is removed and fetched anew.
        if (Store.Find(sha256) is not null && Store.TryLease(sha256) is { } cached)
        {
            return (cached, false);
        }

        using var session = Store.BeginSession();
        var temp = session.TemporaryPath(0, extension);
        try
        {
            // The download has checked the file's size and SHA-256: the store need not hash it again.
            await download(temp).ConfigureAwait(false);
            var commit = await Store.CommitAsync(temp, new EntryRequest
            {
                ExpectedSha256 = sha256, StagedSha256 = sha256, Parent = parentKey, Lease = true, Mode = mode, SourceName = source, Metadata = metadata,
            }, cancellationToken).ConfigureAwait(false);
            return (commit.Lease ?? throw new FetchException($"{source} was committed but could not be leased"), true);
        }
        catch (IOException e) when (e is not FileNotFoundException && IoErrors.IsNoSpace(e))
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, 28, $"no space left on the device of the vmimage cache {Store.Root}: {e.Message}", -1) { FailureType = "NoSpace" }, e);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private static LayerMetadata? Metadata(StoreEntry entry)
    {
        try
        {
            return entry.Metadata is { } json ? json.Deserialize(PluginJsonContext.Default.LayerMetadata) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
