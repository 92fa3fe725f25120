using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Images.Bases;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid cache list|show|pin|unpin|gc|bases|register</c>: the factory store's states and bases.</summary>
internal static class CacheVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("cache", "Inspect and manage the image factory's layer store (and, under images, this host's execute-side image cache).");
        command.Subcommands.Add(List(settings));
        command.Subcommands.Add(Show(settings));
        command.Subcommands.Add(Pin(settings, "pin", true));
        command.Subcommands.Add(Pin(settings, "unpin", false));
        command.Subcommands.Add(Gc(settings));
        command.Subcommands.Add(Bases(settings));
        command.Subcommands.Add(Register(settings));
        command.Subcommands.Add(CacheImagesVerb.Create(settings));
        return command;
    }

    private static Command List(VmgridSettings settings)
    {
        var store = FactoryOptions.Store();
        var json = FactoryOptions.Json();
        var command = new Command("list", "List the cached states: id, parent, size, last use, pin, last action.") { store, json };
        command.SetAction(async (parse, token) =>
        {
            var states = (await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false)).List();
            if (parse.GetValue(json))
            {
                var summaries = states.Select(s => new StateSummary(s.Id, s.Manifest.ParentId, s.Manifest.LayerBytes, s.Manifest.NodeHashes.Count, s.LastUsedUtc, s.Pinned, s.Manifest.Action)).ToList();
                Console.Out.WriteLine(JsonSerializer.Serialize(summaries, FactoryJsonContext.Default.ListStateSummary));
                return ExitCodes.Success;
            }

            Console.Out.WriteLine("ID            PARENT        NODES      SIZE  LAST USED (UTC)      PIN  ACTION");
            foreach (var s in states)
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{s.Id[..12]}  {(s.Manifest.ParentId?[..12] ?? "-"),-12}  {s.Manifest.NodeHashes.Count,5}  {Size(s.Manifest.LayerBytes),8}  {s.LastUsedUtc:yyyy-MM-dd HH:mm:ss}  {(s.Pinned ? "yes" : "no"),-3}  {s.Manifest.Action}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(VmgridSettings settings)
    {
        var id = new Argument<string>("ID") { Description = "A state id or a unique prefix (6+ characters)." };
        var store = FactoryOptions.Store();
        var command = new Command("show", "Show one state: its manifest, chain and build log.") { id, store };
        command.SetAction(async (parse, token) =>
        {
            var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false);
            var state = Find(layerStore, parse.GetValue(id)!);
            Console.Out.WriteLine(JsonSerializer.Serialize(state.Manifest, CliJsonContext.Default.StateManifest));
            Console.Out.WriteLine("layer: " + state.LayerPath);
            Console.Out.WriteLine("pinned: " + (state.Pinned ? "yes" : "no"));
            Console.Out.WriteLine("chain: " + string.Join(" <- ", layerStore.Chain(state.Id).Select(s => s.Id[..12])));
            if (state.Manifest.BuildLog is { } log && File.Exists(Path.Combine(layerStore.Root, log)))
            {
                Console.Out.WriteLine("--- build log ---");
                Console.Out.Write(File.ReadAllText(Path.Combine(layerStore.Root, log)));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Pin(VmgridSettings settings, string name, bool pinned)
    {
        var id = new Argument<string>("ID") { Description = "A state id or a unique prefix (6+ characters)." };
        var store = FactoryOptions.Store();
        var command = new Command(name, pinned ? "Pin a state: eviction keeps it and its ancestors." : "Unpin a state.") { id, store };
        command.SetAction(async (parse, token) =>
        {
            var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false);
            var state = Find(layerStore, parse.GetValue(id)!);
            layerStore.SetPinned(state.Id, pinned);
            Console.Out.WriteLine((pinned ? "pinned " : "unpinned ") + state.Id);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Gc(VmgridSettings settings)
    {
        var max = new Option<string?>("--max-size") { Description = "Evict least-recently-used unpinned states until the store fits (e.g. 20G); without it only crash leftovers are removed." };
        var store = FactoryOptions.Store();
        var command = new Command("gc", "Remove crash leftovers, then evict least-recently-used unpinned states over the size cap.") { max, store };
        command.SetAction(async (parse, token) =>
        {
            var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false);
            var recovered = await layerStore.RecoverAsync(token).ConfigureAwait(false);
            var evicted = parse.GetValue(max) is { } cap ? layerStore.Evict(CacheOptions.ParseSize(cap)) : [];
            foreach (var gone in evicted)
            {
                Console.Out.WriteLine("evicted " + gone);
            }

            Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"removed {recovered} leftovers, evicted {evicted.Count} states; store holds {Size(layerStore.TotalBytes())}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Bases(VmgridSettings settings)
    {
        var store = FactoryOptions.Store();
        var command = new Command("bases", "List the bases requests can name with <base ref=\"NAME\"/>.") { store };
        command.SetAction(async (parse, token) =>
        {
            var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false);
            foreach (var b in new BaseRegistry(layerStore.BasesDirectory, TimeProvider.System).List())
            {
                Console.Out.WriteLine($"{b.Name}  {b.Kind.ToString().ToLowerInvariant()}  {b.ImagePath ?? "(built by the factory)"}{(b.Kernel is null ? string.Empty : "  kernel " + b.Kernel)}");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Register(VmgridSettings settings)
    {
        var name = new Argument<string>("NAME") { Description = "The name requests will use." };
        var image = new Argument<FileInfo>("IMAGE") { Description = "The disk image." };
        var kernel = new Option<FileInfo?>("--kernel") { Description = "The kernel that boots a whole-disk image." };
        var format = new Option<string?>("--format") { Description = "The image's format (default: detected)." };
        var cloud = new Option<bool>("--cloud") { Description = "A stock cloud image (partitioned, reads a NoCloud seed)." };
        var store = FactoryOptions.Store();
        var command = new Command("register", "Register an operator base: a disk image with its kernel, or a stock cloud image.") { name, image, kernel, format, cloud, store };
        command.SetAction(async (parse, token) =>
        {
            var file = parse.GetValue(image)!;
            if (!file.Exists)
            {
                throw new UserErrorException(file.FullName + " does not exist");
            }

            var layerStore = await FactoryOptions.OpenAsync(parse.GetValue(store), settings, token).ConfigureAwait(false);
            var registry = new BaseRegistry(layerStore.BasesDirectory, TimeProvider.System);
            try
            {
                var entry = registry.Register(parse.GetValue(name)!, parse.GetValue(cloud) ? BaseKind.CloudImage : BaseKind.Disk, file.FullName, parse.GetValue(format), parse.GetValue(kernel)?.FullName);
                Console.Out.WriteLine($"registered {entry.Name} ({entry.Identity})");
            }
            catch (ArgumentException e)
            {
                throw new UserErrorException(e.Message, e);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static StoredState Find(LayerStore store, string id) =>
        store.Resolve(id) ?? throw new UserErrorException($"no state '{id}' in {store.Root} (or the prefix is ambiguous); see vmgrid cache list");

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):F1}G"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):F1}M"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:F0}K"),
    };
}
