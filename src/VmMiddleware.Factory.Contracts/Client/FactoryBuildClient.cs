using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Factory.Contracts.Service;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>
/// A build on a factory service, as <c>vmgrid build CONFIG --factory URL</c> runs it: submits the configuration and the files it names,
/// follows the ticket until it ends, and downloads the result (one file with its .sha256, or a chain directory) through the one resumable,
/// verified download.
/// </summary>
/// <param name="http">The client (the factory's GsiHttpHandler under it).</param>
/// <param name="factory">The service's https://HOST:PORT URL.</param>
public sealed class FactoryBuildClient(HttpClient http, Uri factory)
{
    private readonly FactorySoapClient _soap = new(http, new Uri(factory, FactoryNames.EndpointPath));

    /// <summary>Submits <paramref name="configuration"/> with <paramref name="files"/> and follows its ticket until it ends; returns the succeeded ticket.</summary>
    /// <param name="configuration">The configuration's text.</param>
    /// <param name="format">The export format, "chain" for the qcow2 layers.</param>
    /// <param name="files">The files the configuration names (see <see cref="RemoteRequestFiles.Collect"/>).</param>
    /// <param name="progress">Sees the ticket once accepted and after each wait while it is queued or running.</param>
    /// <param name="cancellationToken">Stops following (the build goes on on the service).</param>
    /// <exception cref="FactoryClientException">The service cannot be reached, refused, or the build failed.</exception>
    public async Task<RemoteTicket> BuildAsync(string configuration, string format, IReadOnlyList<(string Path, byte[] Content)> files, Action<RemoteTicket, bool> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        RemoteTicket ticket;
        try
        {
            ticket = await _soap.SubmitAsync(configuration, format, files, cancellationToken).ConfigureAwait(false);
            progress(ticket, true);
            while (ticket.State is "Queued" or "Running")
            {
                progress(ticket, false);
                ticket = await _soap.WaitAsync(ticket.Id, 5, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e)
        {
            throw new FactoryClientException($"cannot reach the factory at {factory}: {e.Message}", e);
        }

        return ticket.State == "Succeeded" && ticket.ImageId is not null
            ? ticket
            : throw new FactoryClientException($"the factory's build failed: {ticket.Error ?? ticket.LogTail}");
    }

    /// <summary>Downloads image <paramref name="imageId"/> in <paramref name="format"/> to <paramref name="output"/>: one file and OUTPUT.sha256, or for "chain" a new directory with every layer, SHA256SUMS and TOP.</summary>
    /// <returns>What was downloaded.</returns>
    /// <exception cref="FactoryClientException">The service cannot be reached or refused, or a chain's directory exists already.</exception>
    /// <exception cref="DownloadException">A download failed (it says whether a later try may pass).</exception>
    public async Task<RemoteDownload> DownloadAsync(string imageId, string format, string output, CancellationToken cancellationToken)
    {
        RemoteDownload download;
        try
        {
            download = await _soap.DownloadAsync(imageId, format, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new FactoryClientException($"cannot reach the factory at {factory}: {e.Message}", e);
        }

        var downloader = new ResumableDownloader(http, new DownloadOptions());
        if (format != "chain")
        {
            await downloader.DownloadFileAsync(download.Url, download.SizeBytes, download.Sha256, output, cancellationToken).ConfigureAwait(false);
            await DurableFile.ReplaceAsync(output + ".sha256", temp => File.WriteAllTextAsync(temp, $"{download.Sha256}  {Path.GetFileName(output)}\n", cancellationToken)).ConfigureAwait(false);
            return download;
        }

        var target = Path.GetFullPath(output);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new FactoryClientException(target + " already exists; --chain writes a new directory");
        }

        // Every layer into a temporary directory beside the target, then one rename: the chain appears whole or not at all.
        var temp = Path.Combine(Path.GetDirectoryName(target)!, ".tmp-" + Path.GetFileName(target));
        Directory.CreateDirectory(temp);
        foreach (var layer in download.Layers)
        {
            await downloader.DownloadFileAsync(layer.Url, layer.SizeBytes, layer.Sha256, Path.Combine(temp, layer.FileName), cancellationToken).ConfigureAwait(false);
        }

        DurableFile.WriteAllText(Path.Combine(temp, "SHA256SUMS"), string.Concat(download.Layers.Select(l => $"{l.Sha256}  {l.FileName}\n")));
        DurableFile.WriteAllText(Path.Combine(temp, "TOP"), download.TopFileName + "\n");
        Directory.Move(temp, target);
        DurableFile.SyncDirectory(Path.GetDirectoryName(target)!);
        return download;
    }
}
