using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Factory.Contracts.Downloads;

/// <summary>
/// The one HTTPS download of factory files (images, layers, published artifacts) for <c>vmgrid build --factory</c> and the vmimage plugin:
/// a dropped connection resumes with Range and If-Range (the ETag is the file's SHA-256), the result is checked against its size and
/// SHA-256 (one fresh download when it does not match), transient failures are retried a bounded number of times, and every failure is one
/// <see cref="DownloadException"/> that says whether a later try may pass. Counts the bytes, requests and time it spends.
/// </summary>
/// <param name="http">The client (the factory's GsiHttpHandler under it).</param>
/// <param name="options">Attempts, the pause between them, the clock.</param>
public sealed class ResumableDownloader(HttpClient http, DownloadOptions options)
{
    private const int BufferSize = 1 << 16;
    private long _received;
    private long _connectionTicks;
    private int _attempts;

    /// <summary>Gets the bytes received so far (text answers and file bodies).</summary>
    public long BytesReceived => Interlocked.Read(ref _received);

    /// <summary>Gets the time spent in requests so far.</summary>
    public TimeSpan ConnectionTime => TimeSpan.FromTicks(Interlocked.Read(ref _connectionTicks));

    /// <summary>Gets the number of requests made so far.</summary>
    public int Attempts => Volatile.Read(ref _attempts);

    /// <summary>Returns the body of <paramref name="address"/> as text (a GET, retried while the failure is transient).</summary>
    /// <exception cref="DownloadException">Every attempt failed, or the answer was an error that another attempt cannot cure.</exception>
    public Task<string> GetTextAsync(Uri address, CancellationToken cancellationToken) =>
        RetryAsync(address, async () =>
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, address), cancellationToken).ConfigureAwait(false);
            await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            Interlocked.Add(ref _received, body.Length);
            return System.Text.Encoding.UTF8.GetString(body);
        }, cancellationToken);

    /// <summary>Returns the size of the file at <paramref name="address"/> (a HEAD request).</summary>
    /// <exception cref="DownloadException">The service could not be reached, refused, has no such file, or sent no length.</exception>
    public Task<long> SizeAsync(Uri address, CancellationToken cancellationToken) =>
        RetryAsync(address, async () =>
        {
            using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Head, address), cancellationToken).ConfigureAwait(false);
            await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);
            return response.Content.Headers.ContentLength
                ?? throw new DownloadException(address, DownloadFailure.Unreadable, false, $"{address}: the service sent no Content-Length");
        }, cancellationToken);

    /// <summary>Downloads <paramref name="address"/> to <paramref name="path"/> through a partial file beside it (<c>.tmp-NAME.part</c>, resumed by a later run), checks it, and renames it into place durably.</summary>
    /// <exception cref="DownloadException">Every attempt failed, or the content does not hash as expected (after one fresh download).</exception>
    public async Task DownloadFileAsync(Uri address, long sizeBytes, string sha256, string path, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        var partial = Path.Combine(Path.GetDirectoryName(full)!, ".tmp-" + Path.GetFileName(full) + ".part");
        await DownloadAsync(address, sizeBytes, sha256, partial, cancellationToken).ConfigureAwait(false);
        try
        {
            DurableFile.CommitRename(partial, full, overwrite: true);
        }
        catch (IOException e)
        {
            throw new DownloadException(address, DownloadFailure.LocalWrite, false, $"writing {full}: {e.Message}", null, e);
        }
    }

    /// <summary>Downloads <paramref name="address"/> into <paramref name="path"/> (resuming what is there) and checks it has <paramref name="sizeBytes"/> bytes and SHA-256 <paramref name="sha256"/> (the service's ETag); the caller publishes the file.</summary>
    /// <exception cref="DownloadException">Every attempt failed, or the content does not hash as expected (after one fresh download).</exception>
    public async Task DownloadAsync(Uri address, long sizeBytes, string sha256, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        for (var fresh = 0; ; fresh++)
        {
            await RetryAsync(address, () => FetchRestAsync(address, sizeBytes, sha256, path, cancellationToken), cancellationToken).ConfigureAwait(false);
            var length = new FileInfo(path).Length;
            var sha = await FileDigest.Sha256HexAsync(path, cancellationToken).ConfigureAwait(false);
            if (length == sizeBytes && sha == sha256)
            {
                return;
            }

            File.Delete(path);
            if (fresh >= 1)
            {
                // Twice the same wrong content: the service's copy is bad, and fetching again will not help.
                throw new DownloadException(address, DownloadFailure.ChecksumMismatch, false,
                    $"{address}: the file has {length} bytes and SHA-256 {sha}; the service says {sizeBytes} bytes and {sha256}");
            }
        }
    }

    /// <summary>Returns HOST:PORT of <paramref name="address"/>, as error reports name a server.</summary>
    public static string Server(Uri address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return address.Host + ":" + address.Port.ToString(CultureInfo.InvariantCulture);
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
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable && have > 0)
        {
            // The service's file is shorter than what is here: what is here is not it. Start again.
            File.Delete(path);
            return await FetchRestAsync(address, sizeBytes, sha256, path, cancellationToken).ConfigureAwait(false);
        }

        await FailUnlessSuccessAsync(response, address, cancellationToken).ConfigureAwait(false);

        // 206: the rest follows what is here; 200 (the ETag changed, or the service ignores ranges): the whole file, from the start.
        var append = response.StatusCode == HttpStatusCode.PartialContent;
        var started = Stopwatch.GetTimestamp();
        var file = new FileStream(path, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                var buffer = new byte[BufferSize];
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
            catch (Exception e) when (DownloadErrors.IsTransient(e, cancellationToken) && n < options.Attempts)
            {
                await Task.Delay(delay, options.Time, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.MaxRetryDelay.Ticks));
            }
            catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
            {
                throw DownloadErrors.Wrap(e, address);
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
}
