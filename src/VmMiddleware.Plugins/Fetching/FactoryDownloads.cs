using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>
/// The factory service's download routes for one plugin run: the chain listing, each layer and each published file, through the one
/// resumable, verified download (<see cref="ResumableDownloader"/>); its failures become the structured errors the result ad reports.
/// </summary>
public sealed class FactoryDownloads
{
    private readonly ResumableDownloader _downloader;

    /// <summary>Initializes the downloads of one plugin run.</summary>
    /// <param name="http">The client (GsiHttpHandler under it).</param>
    /// <param name="options">Attempts and the pause between them.</param>
    public FactoryDownloads(HttpClient http, PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _downloader = new ResumableDownloader(http, new DownloadOptions { Attempts = options.Attempts, RetryDelay = options.RetryDelay, Time = options.Time });
    }

    /// <summary>Gets the bytes received from the service so far (listings and layer bodies).</summary>
    public long BytesReceived => _downloader.BytesReceived;

    /// <summary>Gets the time spent in requests so far.</summary>
    public TimeSpan ConnectionTime => _downloader.ConnectionTime;

    /// <summary>Gets the number of requests made so far.</summary>
    public int Attempts => _downloader.Attempts;

    /// <summary>Returns the chain of <paramref name="url"/>'s image, base first.</summary>
    /// <exception cref="FetchException">The service could not be reached, refused, has no such image, or answered something unreadable.</exception>
    public async Task<IReadOnlyList<ChainLayer>> ChainAsync(VmImageUrl url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var address = new Uri(url.Service, "/v1/chains/" + url.StateId);
        var text = await MappedAsync(() => _downloader.GetTextAsync(address, cancellationToken)).ConfigureAwait(false);
        try
        {
            return ChainListing.Parse(text, url.StateId);
        }
        catch (InvalidDataException e)
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, $"{address}: {e.Message}", -1) { FailedServer = Server(address) }, e);
        }
    }

    /// <summary>Downloads <paramref name="layer"/> from <paramref name="service"/> into <paramref name="path"/> (resuming what is there) and checks its size and SHA-256.</summary>
    /// <exception cref="FetchException">Every attempt failed, or the content does not hash as the listing says (after one fresh download).</exception>
    public Task DownloadAsync(Uri service, ChainLayer layer, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return DownloadAsync(new Uri(service, "/v1/layers/" + layer.FileName), layer.SizeBytes, layer.Sha256, path, cancellationToken);
    }

    /// <summary>Returns the size of the file at <paramref name="address"/> (a HEAD request).</summary>
    /// <exception cref="FetchException">The service could not be reached, refused, has no such file, or sent no length.</exception>
    public Task<long> SizeAsync(Uri address, CancellationToken cancellationToken) =>
        MappedAsync(() => _downloader.SizeAsync(address, cancellationToken));

    /// <summary>Downloads <paramref name="address"/> into <paramref name="path"/> (resuming what is there) and checks it has <paramref name="sizeBytes"/> bytes and SHA-256 <paramref name="sha256"/> (the service's ETag).</summary>
    /// <exception cref="FetchException">Every attempt failed, or the content does not hash as expected (after one fresh download).</exception>
    public Task DownloadAsync(Uri address, long sizeBytes, string sha256, string path, CancellationToken cancellationToken) =>
        MappedAsync(async () =>
        {
            await _downloader.DownloadAsync(address, sizeBytes, sha256, path, cancellationToken).ConfigureAwait(false);
            return true;
        });

    internal static string Server(Uri address) => ResumableDownloader.Server(address);

    private static async Task<T> MappedAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (DownloadException e)
        {
            throw new FetchException(FetchErrors.Classify(e), e);
        }
    }
}
