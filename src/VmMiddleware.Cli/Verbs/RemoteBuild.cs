using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid build CONFIG --factory URL</c>: submits the DAG and the files it names to a factory service, shows its progress like a local build, downloads the result.</summary>
internal static partial class RemoteBuild
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

        using var handler = new GsiHttpHandler(Credential(options, settings), new TrustDirectory(TrustPath(options, settings)));
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
            var downloader = new RemoteDownloader(http);
            if (options.Chain)
            {
                await DownloadChainAsync(downloader, download, output, cancellationToken).ConfigureAwait(false);
                exported = new ExportSummary(Path.Combine(Path.GetFullPath(output), LayerStore.LayerFileName(download.ImageId)), "qcow2", download.Sha256);
            }
            else
            {
                await downloader.DownloadAsync(download.Url, output, download.SizeBytes, download.Sha256, cancellationToken).ConfigureAwait(false);
                await File.WriteAllTextAsync(output + ".sha256", $"{download.Sha256}  {Path.GetFileName(output)}\n", cancellationToken).ConfigureAwait(false);
                exported = new ExportSummary(Path.GetFullPath(output), download.Format, download.Sha256);
            }
        }

        var result = new BuildResult(ticket.ImageId, options.Factory.ToString(), ticket.ReusedNodes, ticket.StatesBuilt.Count, ticket.StatesBuilt, started.Elapsed, new Dictionary<string, string>());
        BuildVerb.Print(Console.Out, result, exported is null ? null : new ExportResult(exported.Path, ImageExporter.Parse(exported.Format) ?? ExportFormat.Qcow2, exported.Sha256, []), options.Json, started.Elapsed);
        return ExitCodes.Success;
    }

    private static async Task DownloadChainAsync(RemoteDownloader downloader, RemoteDownload download, string output, CancellationToken cancellationToken)
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
            await downloader.DownloadAsync(layer.Url, Path.Combine(temp, LayerStore.LayerFileName(layer.StateId)), layer.SizeBytes, layer.Sha256, cancellationToken).ConfigureAwait(false);
        }

        await File.WriteAllTextAsync(Path.Combine(temp, "SHA256SUMS"), string.Concat(download.Layers.Select(l => $"{l.Sha256}  {LayerStore.LayerFileName(l.StateId)}\n")), cancellationToken).ConfigureAwait(false);
        await File.WriteAllTextAsync(Path.Combine(temp, "TOP"), LayerStore.LayerFileName(download.ImageId) + "\n", cancellationToken).ConfigureAwait(false);
        Directory.Move(temp, target);
    }

    /// <summary>The credential: --proxy, --cert/--key, $X509_USER_PROXY, /tmp/x509up_uUID, $X509_USER_CERT/$X509_USER_KEY, ~/.globus/usercert.pem.</summary>
    private static GridCredential Credential(Options options, VmgridSettings settings)
    {
        var home = settings.Home ?? string.Empty;
        var candidates = new List<(string Cert, string? Key, string From)>();
        if (options.Proxy is { } proxy)
        {
            candidates.Add((proxy, null, "--proxy"));
        }
        else if (options.Certificate is { } cert)
        {
            candidates.Add((cert, options.Key ?? cert, "--cert"));
        }
        else
        {
            if (settings.Grid.UserProxy is { } fromVariable)
            {
                candidates.Add((fromVariable, null, "$X509_USER_PROXY"));
            }

            candidates.Add(("/tmp/x509up_u" + GetUid().ToString(CultureInfo.InvariantCulture), null, "the default proxy"));
            if (settings.Grid.UserCertificate is { } userCert)
            {
                candidates.Add((userCert, settings.Grid.UserKey ?? userCert, "$X509_USER_CERT"));
            }

            candidates.Add((Path.Combine(home, ".globus", "usercert.pem"), Path.Combine(home, ".globus", "userkey.pem"), "~/.globus"));
        }

        var explicitChoice = options.Proxy is not null || options.Certificate is not null;
        foreach (var (cert, key, from) in candidates)
        {
            if (!explicitChoice && !File.Exists(cert))
            {
                continue;
            }

            try
            {
                return GridCredential.Load(cert, key);
            }
            catch (InvalidDataException e)
            {
                throw new UserErrorException($"{from}: {e.Message}", e);
            }
        }

        throw new UserErrorException("no grid credential: run grid-proxy-init, or give --proxy FILE or --cert FILE --key FILE");
    }

    private static string TrustPath(Options options, VmgridSettings settings) =>
        options.Trust ?? settings.Grid.CertificateDirectory ?? "/etc/grid-security/certificates";

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}
