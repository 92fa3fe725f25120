using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Transfer;
using VmMiddleware.Store.Verification;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>
/// Talks to the factory service's download routes for one plugin run: the chain listing, and each layer into a file that a dropped
/// connection resumes with Range and If-Range (the ETag is the layer's SHA-256), checked against its SHA-256. Counts the bytes received.
/// </summary>
/// <param name="http">The client (GsiHttpHandler under it).</param>
/// <param name="options">Attempts and the pause between them.</param>
public sealed class FactoryDownloads(HttpClient http, PluginOptions options)
{
    private long _received;
    private long _connectionTicks;
    private int _attempts;

    /// <summary>Gets the bytes received from the service so far (listings and layer bodies).</summary>
    public long BytesReceived => Interlocked.Read(ref _received);

    /// <summary>Gets the time spent in requests so far.</summary>
    public TimeSpan ConnectionTime => TimeSpan.FromTicks(Interlocked.Read(ref _connectionTicks));

    /// <summary>Gets the number of requests made so far.</summary>
    public int Attempts => _attempts;

    /// <summary>Returns the chain of <paramref name="url"/>'s image, base first.</summary>
    /// <exception cref="FetchException">The service could not be reached, refused, has no such image, or answered something unreadable.</exception>
    public async Task<IReadOnlyList<ChainLayer>> ChainAsync(VmImageUrl url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        var address = new Uri(url.Service, "/v1/chains/" + url.StateId);
        var text = await RetryAsync(address, async () =>
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, address), cancellationToken).ConfigureAwait(false);
            await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _received, body.Length);
            return System.Text.Encoding.UTF8.GetString(body);
        }, cancellationToken).ConfigureAwait(false);
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
        RetryAsync(address, async () =>
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Head, address), cancellationToken).ConfigureAwait(false);
            await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);
            return response.Content.Headers.ContentLength
                ?? throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, $"{address}: the service sent no Content-Length", -1) { FailedServer = Server(address) });
        }, cancellationToken);

    /// <summary>Downloads <paramref name="address"/> into <paramref name="path"/> (resuming what is there) and checks it has <paramref name="sizeBytes"/> bytes and SHA-256 <paramref name="sha256"/> (the service's ETag).</summary>
    /// <exception cref="FetchException">Every attempt failed, or the content does not hash as expected (after one fresh download).</exception>
    public async Task DownloadAsync(Uri address, long sizeBytes, string sha256, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        for (var fresh = 0; ; fresh++)
        {
            await RetryAsync(address, () => FetchRestAsync(address, sizeBytes, sha256, path, cancellationToken), cancellationToken).ConfigureAwait(false);
            var length = new FileInfo(path).Length;
            var sha = await ContentDigest.OfFileAsync(path, cancellationToken).ConfigureAwait(false);
            if (length == sizeBytes && sha == sha256)
            {
                return;
            }

            File.Delete(path);
            if (fresh >= 1)
            {
                // Twice the same wrong content: the service's copy is bad, and fetching again will not help.
                throw new FetchException(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.ChecksumMismatch,
                    $"{address}: the file has {length} bytes and SHA-256 {sha}; the service says {sizeBytes} bytes and {sha256}", -1)
                { FailedServer = Server(address) });
            }
        }
    }

    private async Task<bool> FetchRestAsync(Uri address, long sizeBytes, string sha256, string path, CancellationToken cancellationToken)
    {
        var have = File.Exists(path) ? new FileInfo(path).Length : 0;
        if (have >= sizeBytes && have > 0)
        {
            return true;
        }

        var request = new HttpRequestMessage(HttpMethod.Get, address);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"" + sha256 + "\""));
        }

        using var response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        var started = Stopwatch.GetTimestamp();
        var file = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var buffer = new byte[1 << 16];
                try
                {
                    int read;
                    while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        Interlocked.Add(ref _received, read);
                        await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // What arrived before a drop stays, so the next attempt asks only for the rest.
                    await file.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    Interlocked.Add(ref _connectionTicks, Stopwatch.GetElapsedTime(started).Ticks);
                }
            }
        }

        return true;
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        var started = Stopwatch.GetTimestamp();
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            request.Dispose();
            Interlocked.Add(ref _connectionTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
    }

    private async Task<T> RetryAsync<T>(Uri address, Func<Task<T>> attempt, CancellationToken cancellationToken)
    {
        var delay = options.RetryDelay;
        for (var n = 1; ; n++)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (Exception e) when (FetchErrors.IsTransient(e, cancellationToken) && n < options.Attempts)
            {
                await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromSeconds(30).Ticks));
            }
            catch (Exception e) when (e is not FetchException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw new FetchException(FetchErrors.Classify(e, address), e);
            }
        }
    }

    private static async Task FailUnlessSuccessAsync(HttpResponseMessage response, Uri address, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var text = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim();
        throw new HttpRequestException($"{address}: {(int)response.StatusCode} {response.ReasonPhrase}{(text.Length == 0 ? string.Empty : ": " + FirstLine(text))}", null, response.StatusCode);
    }

    // The service answers errors with a JSON string ("no image ID\n"): show its text.
    private static string FirstLine(string text) =>
        (text.Length > 1 && text[0] == '"' && text[^1] == '"' ? text[1..^1].Replace("\\n", "\n", StringComparison.Ordinal) : text).Split('\n')[0].Trim();

    internal static string Server(Uri address) => address.Host + ":" + address.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
