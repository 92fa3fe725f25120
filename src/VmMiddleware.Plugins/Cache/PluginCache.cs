using System.Text.Json;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Fetching;
using VmMiddleware.Plugins.Transfer;
using VmMiddleware.Store;
using VmMiddleware.Store.Configuration;
using VmMiddleware.Store.Entries;
using VmMiddleware.Store.Leasing;

namespace VmMiddleware.Plugins.Cache;

/// <summary>
/// The vmimage:// plugin's per-machine cache: a configuration of <see cref="ContentStore"/> (content keys, recorded chains, verify on
/// lease, a cap) shared by every plugin process on the machine. Each layer is fetched under its key's producer lock, so concurrent
/// plugins download it once; the chain is leased while the job's links are made.
/// </summary>
public sealed class PluginCache
{
    private const UnixFileMode ReadOnly = UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

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
    public static PluginCache Open(PluginOptions options) => new(ContentStore.Open(Configuration(options)), options?.CapBytes);

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

    private async Task<(StoreLease Lease, bool Downloaded)> LayerAsync(VmImageUrl url, ChainLayer layer, string? parentKey, FactoryDownloads downloads, CancellationToken cancellationToken)
    {
        using var producing = await Store.LockKeyAsync(layer.Sha256, onWait: null, cancellationToken).ConfigureAwait(false);

        // A cached layer is hashed again here if its file changed since its last good check; a corrupt one is removed and fetched anew.
        if (Store.Find(layer.Sha256) is not null && Store.TryLease(layer.Sha256) is { } cached)
        {
            return (cached, false);
        }

        using var session = Store.BeginSession();
        var temp = session.TemporaryPath(0, ".qcow2");
        try
        {
            // DownloadAsync has checked the file's size and SHA-256 against the listing: the store need not hash it again.
            await downloads.DownloadAsync(url.Service, layer, temp, cancellationToken).ConfigureAwait(false);
            var metadata = new LayerMetadata(layer.StateId, layer.ParentId, url.Service.GetLeftPart(UriPartial.Authority));
            var commit = await Store.CommitAsync(temp, new EntryRequest
            {
                ExpectedSha256 = layer.Sha256, StagedSha256 = layer.Sha256, Parent = parentKey, Lease = true, Mode = ReadOnly, SourceName = url.Service + "v1/layers/" + layer.FileName,
                Metadata = JsonSerializer.SerializeToElement(metadata, PluginJsonContext.Default.LayerMetadata),
            }, cancellationToken).ConfigureAwait(false);
            return (commit.Lease ?? throw new FetchException($"layer {layer.StateId} was committed but could not be leased"), true);
        }
        catch (IOException e) when (e is not FileNotFoundException && (e.HResult & 0xFFFF) == 28)
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
