using System.Diagnostics;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid build CONFIG --factory URL</c>: submits the DAG and the files it names to a factory service, shows its progress like a local build, downloads the result.</summary>
internal static class RemoteBuild
{
    /// <summary>The options of a remote build.</summary>
    internal sealed record Options(Uri Factory, string Config, string Format, string? Output, bool Chain, string? Proxy, string? Certificate, string? Key, string? Trust, bool Json);

    public static async Task<int> RunAsync(Options options, VmgridSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        List<(string Path, byte[] Content)> files;
        try
        {
            files = RemoteRequestFiles.Collect(options.Config);
        }
        catch (DagFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        using var handler = FactoryCredentials.Handler(options.Proxy, options.Certificate, options.Key, options.Trust, settings);
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
        var client = new FactorySoapClient(http, new Uri(options.Factory, Factory.Contracts.Service.FactoryNames.EndpointPath));
        var format = options.Chain ? "chain" : options.Format;
        var progress = new ConsoleProgressBar(Console.Error, redraw: !Console.IsErrorRedirected);
        RemoteTicket ticket;
        try
        {
            ticket = await client.SubmitAsync(await File.ReadAllTextAsync(options.Config, cancellationToken).ConfigureAwait(false), format, files, cancellationToken).ConfigureAwait(false);
            Console.Error.WriteLine($"vmgrid: ticket {ticket.Id} at {options.Factory}");
            while (ticket.State is "Queued" or "Running")
            {
                progress.Report(new BuildProgress(ticket.Phase, ticket.ActionNumber, ticket.ActionCount, ticket.CurrentAction, ticket.BytesWritten));
                ticket = await client.WaitAsync(ticket.Id, 5, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (HttpRequestException e)
        {
            throw new UserErrorException($"cannot reach the factory at {options.Factory}: {e.Message}", e);
        }

        if (ticket.State != "Succeeded" || ticket.ImageId is null)
        {
            throw new UserErrorException($"the factory's build failed: {ticket.Error ?? ticket.LogTail}");
        }

        progress.Report(new BuildProgress("done", ticket.ActionCount, ticket.ActionCount, null, ticket.BytesWritten));
        ExportSummary? exported = null;
        if (options.Output is { } output)
        {
            var download = await client.DownloadAsync(ticket.ImageId, format, cancellationToken).ConfigureAwait(false);
            var downloader = new ResumableDownloader(http, new DownloadOptions());
            try
            {
                if (options.Chain)
                {
                    await DownloadChainAsync(downloader, download, output, cancellationToken).ConfigureAwait(false);
                    exported = new ExportSummary(Path.Combine(Path.GetFullPath(output), LayerStore.LayerFileName(download.ImageId)), "qcow2", download.Sha256);
                }
                else
                {
                    await downloader.DownloadFileAsync(download.Url, download.SizeBytes, download.Sha256, output, cancellationToken).ConfigureAwait(false);
                    await File.WriteAllTextAsync(output + ".sha256", $"{download.Sha256}  {Path.GetFileName(output)}\n", cancellationToken).ConfigureAwait(false);
                    exported = new ExportSummary(Path.GetFullPath(output), download.Format, download.Sha256);
                }
            }
            catch (DownloadException e)
            {
                throw new UserErrorException(e.Message, e);
            }
        }

        var result = new BuildResult(ticket.ImageId, options.Factory.ToString(), ticket.ReusedNodes, ticket.StatesBuilt.Count, ticket.StatesBuilt, started.Elapsed, new Dictionary<string, string>());
        BuildVerb.Print(Console.Out, result, exported is null ? null : new ExportResult(exported.Path, ImageExporter.Parse(exported.Format) ?? ExportFormat.Qcow2, exported.Sha256, []), options.Json, started.Elapsed);
        return ExitCodes.Success;
    }

    private static async Task DownloadChainAsync(ResumableDownloader downloader, RemoteDownload download, string output, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(output);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new UserErrorException(target + " already exists; --chain writes a new directory");
        }

        var temp = Path.Combine(Path.GetDirectoryName(target)!, ".tmp-" + Path.GetFileName(target));
        Directory.CreateDirectory(temp);
        foreach (var layer in download.Layers)
        {
            await downloader.DownloadFileAsync(layer.Url, layer.SizeBytes, layer.Sha256, Path.Combine(temp, LayerStore.LayerFileName(layer.StateId)), cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(temp, "SHA256SUMS"), string.Concat(download.Layers.Select(l => $"{l.Sha256}  {LayerStore.LayerFileName(l.StateId)}\n")), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(temp, "TOP"), LayerStore.LayerFileName(download.ImageId) + "\n", cancellationToken).ConfigureAwait(false);
        Directory.Move(temp, target);
    }

}
