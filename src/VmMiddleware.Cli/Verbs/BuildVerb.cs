using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Store;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid build CONFIG.xml</c>: builds an image from a configuration DAG in the factory store, reusing the longest cached prefix.</summary>
internal static class BuildVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var config = new Argument<FileInfo>("CONFIG") { Description = "The configuration DAG (*.vmconfig.xml)." };
        var format = new Option<string?>("--format") { Description = "Export format: qcow2, raw, vmdk, vdi or vhdx (default qcow2 when -o is given)." };
        format.AcceptOnlyFromAmong("qcow2", "raw", "vmdk", "vdi", "vhdx");
        var output = new Option<string?>("--output", "-o") { Description = "Export the image to this file (flattened), or to this new directory with --chain." };
        var chain = new Option<bool>("--chain") { Description = "Export the qcow2 layer chain instead of one flattened file." };
        var executor = new Option<string>("--executor") { Description = "Who runs the actions: vm (builder VMs under the launcher) or chroot (this host, root only).", DefaultValueFactory = _ => "vm" };
        executor.AcceptOnlyFromAmong("vm", "chroot");
        var guest = new Option<DirectoryInfo?>("--guest") { Description = "The reference guest the builder VMs boot (default: $" + VmgridSettings.GuestVariable + ", the guest/ directory next to vmgrid, or built from src/guest)." };
        var store = FactoryOptions.Store();
        var json = FactoryOptions.Json();
        var factory = new Option<string?>("--factory") { Description = "Build on this factory service (https://HOST:PORT) instead of here; downloads the result to -o." };
        var proxy = new Option<string?>("--proxy") { Description = "With --factory: the grid proxy to authenticate with (default $X509_USER_PROXY, then /tmp/x509up_uUID)." };
        var cert = new Option<string?>("--cert") { Description = "With --factory: an end-entity certificate to authenticate with instead of a proxy." };
        var key = new Option<string?>("--key") { Description = "With --factory: the key of --cert." };
        var trust = new Option<string?>("--trust") { Description = "With --factory: the CA directory the service's certificate must chain to (default $X509_CERT_DIR, then /etc/grid-security/certificates)." };
        var command = new Command("build", "Build an image from a configuration DAG; print its id, cache hits and time.") { config, format, output, chain, executor, guest, store, json, factory, proxy, cert, key, trust };
        command.SetAction(async (parse, token) =>
        {
            using var interrupt = new Interrupt(token);
            try
            {
                if (parse.GetValue(factory) is { } factoryUrl)
                {
                    var remote = Uri.TryCreate(factoryUrl, UriKind.Absolute, out var parsed) && parsed.Scheme == "https"
                        ? parsed
                        : throw new UserErrorException($"--factory '{factoryUrl}' is not a factory URL; expected https://HOST:PORT");
                    return await RemoteBuild.RunAsync(
                        new RemoteBuild.Options(remote, parse.GetValue(config)!.FullName, parse.GetValue(format) ?? "qcow2", parse.GetValue(output), parse.GetValue(chain),
                            parse.GetValue(proxy), parse.GetValue(cert), parse.GetValue(key), parse.GetValue(trust), parse.GetValue(json)),
                        settings,
                        interrupt.Token).ConfigureAwait(false);
                }

                var guestDirectory = parse.GetValue(guest)?.FullName;
                var request = Stopwatch.StartNew();
                var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, interrupt.Token).ConfigureAwait(false);
                var options = new BuildOptions(parse.GetValue(executor) == "chroot"
                    ? new ChrootActionExecutor(settings.Runner, layerStore.QemuImg, TimeProvider.System)
                    : new DeferredActionExecutor(token => VmExecutorAsync(settings, guestDirectory, token)));
                var result = await BuildAsync(settings, layerStore, parse.GetValue(config)!.FullName, options, interrupt.Token).ConfigureAwait(false);
                var requestTime = request.Elapsed;
                ExportResult? exported = null;
                if (parse.GetValue(output) is { } target)
                {
                    var exporter = new ImageExporter(layerStore);
                    exported = parse.GetValue(chain)
                        ? await exporter.ChainAsync(result.ImageId, target, interrupt.Token).ConfigureAwait(false)
                        : await exporter.FlattenAsync(result.ImageId, ImageExporter.Parse(parse.GetValue(format) ?? "qcow2")!.Value, target, interrupt.Token).ConfigureAwait(false);
                }

                Print(Console.Out, result, exported, parse.GetValue(json), requestTime);
                return ExitCodes.Success;
            }
            catch (OperationCanceledException) when (interrupt.Requested)
            {
                // The builder VM is stopped and the unfinished layers are removed by the factory; finished states stay committed.
                Console.Error.WriteLine("vmgrid: build cancelled (SIGINT); the states already built are kept");
                return LaunchExitCodes.Killed;
            }
        });
        return command;
    }

    /// <summary>The builder-VM executor; made only when a request has actions to run, so cache hits never look for QEMU or the guest.</summary>
    /// <remarks>QEMU is found as <c>vmgrid run</c> finds it (<see cref="QemuLocator"/>), without a job directory.</remarks>
    private static async Task<IActionExecutor> VmExecutorAsync(VmgridSettings settings, string? guestDirectory, CancellationToken cancellationToken)
    {
        QemuInstallation qemu;
        GuestKernel guest;
        try
        {
            qemu = QemuLocator.Locate(settings.QemuLocator(null));
            guest = await settings.GuestLocator(Console.Error.WriteLine).LocateAsync(guestDirectory, "--guest", Console.Error.WriteLine, cancellationToken).ConfigureAwait(false);
        }
        catch (QemuNotFoundException e)
        {
            throw new UserErrorException(e.Message + " (the vm executor boots builder VMs; --executor chroot needs no QEMU but root)", e);
        }
        catch (GuestNotFoundException e)
        {
            throw new UserErrorException(e.Message, e);
        }

        var options = new VmExecutorOptions
        {
            Qemu = qemu,
            Guest = guest,
            CacheRoot = settings.CacheRoot,
            Accelerator = settings.ForcedAccelerator(),
            Log = Console.Error.WriteLine,
        };
        return new VmActionExecutor(options, settings.Runner);
    }

    private static async Task<BuildResult> BuildAsync(VmgridSettings settings, LayerStore store, string config, BuildOptions options, CancellationToken cancellationToken)
    {
        var progress = new ConsoleProgressBar(Console.Error, redraw: !Console.IsErrorRedirected);
        try
        {
            return await new ImageFactory(store, settings.Runner).BuildAsync(config, options, progress, cancellationToken).ConfigureAwait(false);
        }
        catch (DagFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (BuildFailedException e)
        {
            throw new UserErrorException(e.Message + (e.ActionId is null ? string.Empty : " (the states before it are kept)"), e);
        }
        catch (NotSupportedException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    /// <summary>Prints the result; <paramref name="requestTime"/> is the whole request in this process (open the store, read the DAG, build).</summary>
    internal static void Print(TextWriter output, BuildResult result, ExportResult? exported, bool json, TimeSpan requestTime)
    {
        if (json)
        {
            var summary = new BuildSummary(
                result.ImageId,
                result.LayerPath,
                result.ReusedNodes,
                result.BuiltNodes,
                result.ExactHit,
                result.StatesBuilt,
                result.Duration.TotalSeconds,
                requestTime.TotalSeconds,
                result.Provides.ToDictionary(p => p.Key, p => p.Value),
                exported is null ? null : new ExportSummary(exported.ImagePath, ImageExporter.Name(exported.Format), exported.Sha256));
            output.WriteLine(JsonSerializer.Serialize(summary, FactoryJsonContext.Default.BuildSummary));
            return;
        }

        var total = result.ReusedNodes + result.BuiltNodes;
        output.WriteLine("image " + result.ImageId);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cache hits: {result.ReusedNodes} of {total} nodes{(result.ExactHit ? " (exact hit)" : string.Empty)}; built {result.BuiltNodes}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"time: {result.Duration.TotalSeconds:F3} s"));
        foreach (var (name, value) in result.Provides)
        {
            output.WriteLine($"provides: {name} = {value}");
        }

        if (exported is not null)
        {
            output.WriteLine($"exported {exported.ImagePath} ({ImageExporter.Name(exported.Format)}) sha256 {exported.Sha256}");
        }
    }
}
