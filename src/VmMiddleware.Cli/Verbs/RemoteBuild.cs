using System.Diagnostics;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Factory.Contracts.Client;
using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid build CONFIG --factory URL</c>: checks the configuration, has <see cref="FactoryBuildClient"/> build and download it on the service, and shows its progress and result like a local build's.</summary>
internal static class RemoteBuild
{
    /// <summary>The options of a remote build.</summary>
    internal sealed record Options(Uri Factory, string Config, string Format, string? Output, bool Chain, string? Proxy, string? Certificate, string? Key, string? Trust, bool Json);

    public static async Task<int> RunAsync(Options options, VmgridSettings settings, CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        IReadOnlyList<(string Path, byte[] Content)> files;
        try
        {
            DagReader.Read(options.Config); // the same checks the service makes, with this file's name and positions in the messages
            files = RemoteRequestFiles.Collect(options.Config);
        }
        catch (DagFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        using var handler = FactoryClients.Handler(FactoryClients.Credentials(options.Proxy, options.Certificate, options.Key, options.Trust, settings));
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromMinutes(10) };
        var client = new FactoryBuildClient(http, options.Factory);
        var format = options.Chain ? "chain" : options.Format;
        var progress = new ConsoleProgressBar(Console.Error, redraw: !Console.IsErrorRedirected);
        try
        {
            var ticket = await client.BuildAsync(await File.ReadAllTextAsync(options.Config, cancellationToken).ConfigureAwait(false), format, files, (t, accepted) =>
            {
                if (accepted)
                {
                    Console.Error.WriteLine($"vmgrid: ticket {t.Id} at {options.Factory}");
                }
                else
                {
                    progress.Report(new BuildProgress(t.Phase, t.ActionNumber, t.ActionCount, t.CurrentAction, t.BytesWritten));
                }
            }, cancellationToken).ConfigureAwait(false);
            progress.Report(new BuildProgress("done", ticket.ActionCount, ticket.ActionCount, null, ticket.BytesWritten));
            ExportResult? exported = null;
            if (options.Output is { } output)
            {
                var download = await client.DownloadAsync(ticket.ImageId!, format, output, cancellationToken).ConfigureAwait(false);
                exported = options.Chain
                    ? new ExportResult(Path.Combine(Path.GetFullPath(output), download.TopFileName), ExportFormat.Qcow2, download.Sha256, [])
                    : new ExportResult(Path.GetFullPath(output), ImageExporter.Parse(download.Format) ?? ExportFormat.Qcow2, download.Sha256, []);
            }

            var result = new BuildResult(ticket.ImageId!, options.Factory.ToString(), ticket.ReusedNodes, ticket.StatesBuilt.Count, ticket.StatesBuilt, started.Elapsed, new Dictionary<string, string>());
            BuildVerb.Print(Console.Out, result, exported, options.Json, started.Elapsed);
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is FactoryClientException or DownloadException)
        {
            throw new UserErrorException(e.Message, e);
        }
    }
}
