using System.Reflection;
using VmMiddleware.Plugins.Cache;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Fetching;
using VmMiddleware.Host.Files;

namespace VmMiddleware.Plugins.Transfer;

/// <summary>
/// The vmimage:// file-transfer plugin (HTCondor's multi-file protocol): each request's image chain comes from the factory service into the
/// per-machine cache (missing layers only), and the job gets the top layer at its LocalFileName and each layer below it beside it under the
/// name its child's qcow2 header gives (STATEID.qcow2), as hard links (copies across file systems).
/// </summary>
/// <param name="options">The service, credential and cache.</param>
/// <param name="connect">Makes the HTTPS client; default <see cref="FactoryConnection.Create"/>.</param>
public sealed class VmImagePlugin(PluginOptions options, Func<PluginOptions, HttpClient>? connect = null)
{
    /// <summary>The URL scheme the plugin serves.</summary>
    public const string Method = "vmimage";

    private HttpClient? _http;
    private PluginCache? _cache;

    /// <summary>Gets the plugin's version (the assembly's informational version without its source hash).</summary>
    public static string Version =>
        typeof(VmImagePlugin).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0";

    /// <summary>Returns the -classad answer: the capability ad in the long (one attribute per line) form.</summary>
    public static string CapabilityAd() =>
        $"MultipleFileSupport = true\nPluginVersion = \"{Version}\"\nPluginType = \"FileTransfer\"\nProtocolVersion = 2\nSupportedMethods = \"{Method}\"\n";

    /// <summary>Downloads every request, in order; one result per request.</summary>
    public async Task<IReadOnlyList<TransferResult>> DownloadAsync(IReadOnlyList<TransferRequest> requests, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var results = new List<TransferResult>();
        try
        {
            foreach (var request in requests)
            {
                results.Add(await DownloadOneAsync(request, cancellationToken).ConfigureAwait(false));
            }
        }
        finally
        {
            _http?.Dispose();
        }

        return results;
    }

    /// <summary>Answers upload requests: vmimage:// takes none (the factory builds images; it does not store job output), so each fails as a Parameter error.</summary>
    public IReadOnlyList<TransferResult> Upload(IReadOnlyList<TransferRequest> requests)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var now = options.Time.GetUtcNow().ToUnixTimeSeconds();
        return requests.Select(r => Failed(r, "upload", now, null, new TransferErrorData(TransferErrorTypes.Parameter, TransferErrorCodes.UploadUnsupported,
            $"{r.Url}: vmimage:// URLs cannot be uploaded to; the factory service builds images and does not store job output (name another URL in output_destination or transfer_output_remaps)", -1)
        { PluginLaunched = true, PluginVersion = Version })).ToList();
    }

    private async Task<TransferResult> DownloadOneAsync(TransferRequest request, CancellationToken cancellationToken)
    {
        var start = options.Time.GetUtcNow().ToUnixTimeSeconds();
        if (ArtifactUrl.IsArtifact(request.Url))
        {
            return await DownloadArtifactAsync(request, start, cancellationToken).ConfigureAwait(false);
        }

        if (!VmImageUrl.TryParse(request.Url, options.Factory, out var url, out var why))
        {
            return Failed(request, "download", start, null, new TransferErrorData(TransferErrorTypes.Parameter, TransferErrorCodes.BadUrl, why, -1) { PluginLaunched = true, PluginVersion = Version });
        }

        FactoryDownloads? downloads = null;
        try
        {
            _http ??= (connect ?? FactoryConnection.Create)(options);
            _cache ??= await PluginCache.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            downloads = new FactoryDownloads(_http, options);
            var chain = await downloads.ChainAsync(url, cancellationToken).ConfigureAwait(false);
            using var cached = await _cache.FetchAsync(url, chain, downloads, cancellationToken).ConfigureAwait(false);
            var linked = HandOut(cached, request.LocalFileName);
            return new TransferResult(request, true, "download")
            {
                TotalBytes = downloads.BytesReceived, FileBytes = chain.Sum(l => l.SizeBytes), StartTime = start, EndTime = options.Time.GetUtcNow().ToUnixTimeSeconds(),
                ConnectionTimeSeconds = downloads.ConnectionTime.TotalSeconds,
                DeveloperData = Developer(downloads, chain.Count, cached.Downloaded, linked),
            };
        }
        catch (FetchException e)
        {
            return Failed(request, "download", start, downloads, e.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(request, "download", start, downloads, LocalWriteError(request.LocalFileName, e));
        }
    }

    // A published file (launcher, QEMU bundle, guest archive): its size from a HEAD, the file into the cache once per machine, a link to the job.
    private async Task<TransferResult> DownloadArtifactAsync(TransferRequest request, long start, CancellationToken cancellationToken)
    {
        if (!ArtifactUrl.TryParse(request.Url, options.Factory, out var url, out var why))
        {
            return Failed(request, "download", start, null, new TransferErrorData(TransferErrorTypes.Parameter, TransferErrorCodes.BadUrl, why, -1) { PluginLaunched = true, PluginVersion = Version });
        }

        FactoryDownloads? downloads = null;
        try
        {
            _http ??= (connect ?? FactoryConnection.Create)(options);
            _cache ??= await PluginCache.OpenAsync(options, cancellationToken).ConfigureAwait(false);
            downloads = new FactoryDownloads(_http, options);
            var size = await downloads.SizeAsync(url.Address, cancellationToken).ConfigureAwait(false);
            var (lease, downloaded) = await _cache.FetchArtifactAsync(url, size, downloads, cancellationToken).ConfigureAwait(false);
            using (lease)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(request.LocalFileName))!);
                var linked = LinkOrCopy.Place(lease.Entry.ObjectPath, request.LocalFileName) ? 1 : 0;
                return new TransferResult(request, true, "download")
                {
                    TotalBytes = downloads.BytesReceived, FileBytes = size, StartTime = start, EndTime = options.Time.GetUtcNow().ToUnixTimeSeconds(),
                    ConnectionTimeSeconds = downloads.ConnectionTime.TotalSeconds, DeveloperData = Developer(downloads, 0, downloaded ? 1 : 0, linked),
                };
            }
        }
        catch (FetchException e)
        {
            return Failed(request, "download", start, downloads, e.Error);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(request, "download", start, downloads, LocalWriteError(request.LocalFileName, e));
        }
    }

    /// <summary>The error for a local write that failed: a full disk (ENOSPC) and a refused write are not retryable here, other I/O errors are.</summary>
    private static TransferErrorData LocalWriteError(string localFileName, Exception e)
    {
        var full = IoErrors.IsNoSpace(e);
        return new TransferErrorData(TransferErrorTypes.Transfer, full ? 28 : TransferErrorCodes.LocalIo, $"writing {localFileName}: {e.Message}",
            full || e is UnauthorizedAccessException ? -1 : 0) { FailureType = full ? "NoSpace" : null };
    }

    /// <summary>Links the chain into the job's directory; returns how many layers were linked (the rest were copied).</summary>
    private static int HandOut(CachedChain cached, string localFileName)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(localFileName))!;
        Directory.CreateDirectory(directory);
        var linked = 0;
        for (var i = 0; i < cached.Layers.Count; i++)
        {
            var (layer, objectPath) = cached.Layers[i];
            var target = i == cached.Layers.Count - 1 ? localFileName : Path.Combine(directory, layer.FileName);
            linked += LinkOrCopy.Place(objectPath, target) ? 1 : 0;
        }

        return linked;
    }

    private TransferResult Failed(TransferRequest request, string type, long start, FactoryDownloads? downloads, TransferErrorData error) =>
        new(request, false, type)
        {
            TotalBytes = downloads?.BytesReceived ?? 0, StartTime = start, EndTime = options.Time.GetUtcNow().ToUnixTimeSeconds(),
            ConnectionTimeSeconds = downloads?.ConnectionTime.TotalSeconds ?? 0, Error = error.ErrorString, ErrorData = [error],
            DeveloperData = downloads is null ? new Dictionary<string, long>(StringComparer.Ordinal) : Developer(downloads, 0, 0, 0),
        };

    private static Dictionary<string, long> Developer(FactoryDownloads downloads, int layers, int downloaded, int linked) => new(StringComparer.Ordinal)
    {
        ["TransferTries"] = downloads.Attempts,
        ["ChainLayers"] = layers,
        ["DownloadedLayers"] = downloaded,
        ["LinkedLayers"] = linked,
    };
}
