using System.CommandLine;
using System.Text.Json;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Cli.Verbs;

/// <summary>
/// <c>vmgrid cache images list|add|show|gc|evict|pin|unpin</c>: the execute-side image cache of this host, a sub-group
/// of <c>vmgrid cache</c> (whose own commands manage the image factory's layer store).
/// </summary>
internal static class CacheImagesVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("images", "The execute-side image cache shared by the launchers on this host (content-addressed, LRU-trimmed).");
        command.Subcommands.Add(List(settings));
        command.Subcommands.Add(Add(settings));
        command.Subcommands.Add(Show(settings));
        command.Subcommands.Add(Gc(settings));
        command.Subcommands.Add(Evict(settings));
        command.Subcommands.Add(Pin(settings, "pin", pinned: true));
        command.Subcommands.Add(Pin(settings, "unpin", pinned: false));
        return command;
    }

    private static Command List(VmgridSettings settings)
    {
        var command = new Command("list", "List cached images, least recently used first.") { CacheOptions.Root, CacheOptions.Json };
        command.SetAction(async (parse, token) =>
        {
            var entries = (await CacheOptions.OpenAsync(parse, settings, token).ConfigureAwait(false)).List();
            if (parse.GetValue(CacheOptions.Json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(entries, CliJsonContext.Default.IReadOnlyListCacheEntry));
                return ExitCodes.Success;
            }

            foreach (var e in entries)
            {
                var flags = (e.Pinned ? "pinned " : string.Empty) + (e.InUse ? "in-use " : string.Empty);
                Console.Out.WriteLine($"{e.Id} {e.Size,14} {e.LastUsed:yyyy-MM-ddTHH:mm:ssZ} {flags}{(e.Backing is null ? string.Empty : "backing=" + e.Backing)}".TrimEnd());
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(VmgridSettings settings)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The image to add (raw, or a qcow2 layer whose backing image is already cached)." };
        var sha = new Option<string?>("--sha256") { Description = "The content id (sha256:<hex> or hex) the image must have." };
        var bundle = new Option<DirectoryInfo?>("--qemu-bundle") { Description = "Run qemu-img from this unpacked QEMU bundle (default: qemu-img on PATH)." };
        var command = new Command("add", "Copy an image into the cache atomically (no-op if that content is cached) and print its entry.")
        {
            file, sha, bundle, CacheOptions.Root, CacheOptions.Cap, CacheOptions.Json,
        };
        command.SetAction(async (parse, token) =>
        {
            var dir = parse.GetValue(bundle);
            var qemuImg = new QemuImg(settings.Runner, dir is null ? new QemuImgOptions("qemu-img") : QemuBundle.Open(dir.FullName).ImageToolOptions());
            CacheEntry entry;
            try
            {
                var cache = await CacheOptions.OpenAsync(parse, settings, token, qemuImg).ConfigureAwait(false);
                entry = await cache.AddAsync(parse.GetValue(file)!.FullName, parse.GetValue(sha), token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException or InvalidDataException or ArgumentException)
            {
                throw new UserErrorException(e.Message, e);
            }

            CacheOptions.Print(parse, entry);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(VmgridSettings settings)
    {
        var id = new Argument<string>("ID") { Description = "A content id, sha256:<hex> or <hex>." };
        var command = new Command("show", "Print one entry.") { id, CacheOptions.Root, CacheOptions.Json };
        command.SetAction(async (parse, token) =>
        {
            var entry = (await CacheOptions.OpenAsync(parse, settings, token).ConfigureAwait(false)).Find(CacheOptions.Id(parse.GetValue(id)!)) ?? throw new UserErrorException($"{parse.GetValue(id)} is not in the image cache");
            CacheOptions.Print(parse, entry);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Gc(VmgridSettings settings)
    {
        var command = new Command("gc", "Evict least-recently-used, unpinned, unused images until the cache fits its cap.") { CacheOptions.Root, CacheOptions.Cap, CacheOptions.Json };
        command.SetAction(async (parse, token) => PrintIds(parse, (await CacheOptions.OpenAsync(parse, settings, token).ConfigureAwait(false)).Trim()));
        return command;
    }

    private static Command Evict(VmgridSettings settings)
    {
        var id = new Argument<string>("ID") { Description = "A content id, sha256:<hex> or <hex>." };
        var command = new Command("evict", "Remove an image and every layer built on it; refused while any of them is in use.") { id, CacheOptions.Root, CacheOptions.Json };
        command.SetAction(async (parse, token) =>
        {
            try
            {
                return PrintIds(parse, (await CacheOptions.OpenAsync(parse, settings, token).ConfigureAwait(false)).Evict(CacheOptions.Id(parse.GetValue(id)!)));
            }
            catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException)
            {
                throw new UserErrorException(e.Message, e);
            }
        });
        return command;
    }

    private static Command Pin(VmgridSettings settings, string name, bool pinned)
    {
        var id = new Argument<string>("ID") { Description = "A content id, sha256:<hex> or <hex>." };
        var command = new Command(name, pinned ? "Keep an image whatever its age (gc skips it)." : "Let gc evict an image again.") { id, CacheOptions.Root };
        command.SetAction(async (parse, token) =>
        {
            var found = (await CacheOptions.OpenAsync(parse, settings, token).ConfigureAwait(false)).SetPinned(CacheOptions.Id(parse.GetValue(id)!), pinned);
            return found ? ExitCodes.Success : throw new UserErrorException($"{parse.GetValue(id)} is not in the image cache");
        });
        return command;
    }

    private static int PrintIds(ParseResult parse, IReadOnlyList<string> ids)
    {
        if (parse.GetValue(CacheOptions.Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(ids, CliJsonContext.Default.IReadOnlyListString));
        }
        else
        {
            foreach (var id in ids)
            {
                Console.Out.WriteLine("evicted " + id);
            }
        }

        return ExitCodes.Success;
    }
}
