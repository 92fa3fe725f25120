using System.Globalization;
using System.Net;
using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Translation.Staging;

/// <summary>
/// Asks a factory service whether it holds an image file, for <c>translate</c>/<c>submit --to condor</c> with <c>--factory</c>: by content
/// (<c>/v1/content/SHA256?size=N</c>, the file's own SHA-256), then by name (a STATE.qcow2 file whose state <c>/v1/chains/STATE</c> lists).
/// A service that cannot be asked holds nothing: the job ships the file, and the progress line says why.
/// </summary>
/// <param name="http">The client (the factory's GsiHttpHandler under it); disposed with this.</param>
/// <param name="factory">The service's https://HOST:PORT URL.</param>
public sealed class FactoryContentClient(HttpClient http, Uri factory) : IFactoryContent, IDisposable
{
    /// <inheritdoc />
    public string Authority { get; } = factory.Host + ":" + factory.Port.ToString(CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public async Task<FactoryLookup> FindImageAsync(string path, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        var sha = await FileDigest.Sha256HexAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using (var response = await http.GetAsync(new Uri(factory, $"/v1/content/{sha}?size={size.ToString(CultureInfo.InvariantCulture)}"), cancellationToken).ConfigureAwait(false))
            {
                if (response.IsSuccessStatusCode)
                {
                    var fields = (await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false)).Trim().Split(' ');
                    if (fields is ["image", var state, var format] && state.Length == 64 && state.All(char.IsAsciiHexDigitLower))
                    {
                        return new FactoryLookup(state, format == "layer", format == "layer" ? $"SHA-256 {sha} is its layer" : $"SHA-256 {sha} is its {format} export");
                    }

                    return new FactoryLookup(null, false, $"it answered the content lookup with something unreadable, {(int)response.StatusCode}");
                }

                if (response.StatusCode != HttpStatusCode.NotFound)
                {
                    return new FactoryLookup(null, false, $"its content lookup answered {(int)response.StatusCode} {response.ReasonPhrase}");
                }
            }

            var stem = Path.GetFileName(path) is var name && name.EndsWith(".qcow2", StringComparison.Ordinal) ? name[..^".qcow2".Length] : string.Empty;
            if (stem.Length == 64 && stem.All(char.IsAsciiHexDigitLower))
            {
                using var chain = await http.GetAsync(new Uri(factory, "/v1/chains/" + stem), cancellationToken).ConfigureAwait(false);
                if (chain.IsSuccessStatusCode)
                {
                    return new FactoryLookup(stem, false, $"by its name; its content, SHA-256 {sha}, is not the service's layer");
                }
            }

            return new FactoryLookup(null, false, $"no file with SHA-256 {sha} and {size} bytes");
        }
        catch (HttpRequestException e)
        {
            return new FactoryLookup(null, false, "cannot ask it: " + e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new FactoryLookup(null, false, "cannot ask it: " + e.Message);
        }
    }

    /// <inheritdoc />
    public async Task<FactoryLookup> FindArtifactAsync(string path, CancellationToken cancellationToken)
    {
        var sha = await FileDigest.Sha256HexAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Head, new Uri(factory, "/v1/artifacts/" + sha));
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode
                ? new FactoryLookup(sha, true, $"it publishes SHA-256 {sha}")
                : new FactoryLookup(null, false, response.StatusCode == HttpStatusCode.NotFound
                    ? $"it publishes no file with SHA-256 {sha}"
                    : $"its artifact lookup answered {(int)response.StatusCode} {response.ReasonPhrase}");
        }
        catch (HttpRequestException e)
        {
            return new FactoryLookup(null, false, "cannot ask it: " + e.Message);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            return new FactoryLookup(null, false, "cannot ask it: " + e.Message);
        }
    }

    /// <inheritdoc />
    public void Dispose() => http.Dispose();
}
