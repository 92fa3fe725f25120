using System.Net;
using System.Net.Http.Headers;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Downloads a factory file to a path: into a temporary file that a dropped connection resumes with Range and If-Range (the ETag), checked against its SHA-256, then renamed into place.</summary>
/// <param name="http">The HttpClient (GsiHttpHandler).</param>
internal sealed class RemoteDownloader(HttpClient http)
{
    private const int Attempts = 5;

    /// <summary>Downloads <paramref name="url"/> to <paramref name="path"/> and checks it has <paramref name="sha256"/>.</summary>
    public async Task DownloadAsync(Uri url, string path, long size, string sha256, CancellationToken cancellationToken)
    {
        var temp = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!, ".tmp-" + Path.GetFileName(path) + ".part");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await FetchAsync(url, temp, sha256, cancellationToken).ConfigureAwait(false);
                break;
            }
            catch (Exception e) when (e is HttpRequestException or IOException && attempt < Attempts && !cancellationToken.IsCancellationRequested)
            {
                // The connection dropped: the next attempt asks only for the bytes not yet here.
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken).ConfigureAwait(false);
            }
        }

        var length = new FileInfo(temp).Length;
        var actual = await FileDigest.Sha256HexAsync(temp, cancellationToken).ConfigureAwait(false);
        if (length != size || actual != sha256)
        {
            File.Delete(temp);
            throw new UserErrorException($"{url}: the download has {length} bytes and SHA-256 {actual}; the factory said {size} bytes and {sha256}");
        }

        DurableFile.CommitRename(temp, path, overwrite: true);
    }

    private async Task FetchAsync(Uri url, string temp, string sha256, CancellationToken cancellationToken)
    {
        var have = File.Exists(temp) ? new FileInfo(temp).Length : 0;
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (have > 0)
        {
            request.Headers.Range = new RangeHeaderValue(have, null);
            request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"" + sha256 + "\""));
        }

        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable)
        {
            return; // everything is here already
        }

        if (!response.IsSuccessStatusCode)
        {
            throw new UserErrorException($"{url}: {(int)response.StatusCode} {response.ReasonPhrase}: {(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim()}");
        }

        var append = response.StatusCode == HttpStatusCode.PartialContent;
        var file = new FileStream(temp, append ? FileMode.Append : FileMode.Create, FileAccess.Write);
        await using (file.ConfigureAwait(false))
        {
            var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (body.ConfigureAwait(false))
            {
                await body.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            }

            file.Flush(flushToDisk: true);
        }
    }
}
