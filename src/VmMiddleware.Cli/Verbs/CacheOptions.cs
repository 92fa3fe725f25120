using System.CommandLine;
using System.Text.Json;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Sizes;
using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Cli.Verbs;

/// <summary>The options every <c>vmgrid cache images</c> sub-command shares, and opening the cache from them.</summary>
internal static class CacheOptions
{
    /// <summary>The cap used when neither --cap nor VMMIDDLEWARE_IMAGE_CACHE_CAP says otherwise.</summary>
    public const string DefaultCap = "20G";

    public static Option<DirectoryInfo?> Root { get; } = new("--root") { Description = "The cache directory (default: $VMMIDDLEWARE_CACHE/images, else ~/.cache/vmmiddleware/images)." };

    public static Option<string?> Cap { get; } = new("--cap") { Description = "The size cap, e.g. 20G or 512M (default: $VMMIDDLEWARE_IMAGE_CACHE_CAP, else 20G)." };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print JSON." };

    /// <summary>Opens the cache --root names (default: under the settings' cache root) with --cap, else the settings' cap, else <see cref="DefaultCap"/>.</summary>
    public static Task<ImageCache> OpenAsync(ParseResult parse, VmgridSettings settings, CancellationToken cancellationToken, QemuImg? qemuImg = null)
    {
        var root = parse.GetValue(Root)?.FullName ?? ImageCache.RootUnder(settings.CacheRoot);
        var capText = (parse.CommandResult.Command.Options.Contains(Cap) ? parse.GetValue(Cap) : null) ?? CapOf(settings);
        return ImageCache.OpenAsync(root, ParseSize(capText), TimeProvider.System, qemuImg, cancellationToken: cancellationToken);
    }

    /// <summary>Returns the image cache cap the settings give (VMMIDDLEWARE_IMAGE_CACHE_CAP), else <see cref="DefaultCap"/>.</summary>
    public static string CapOf(VmgridSettings settings) => settings.ImageCacheCap ?? DefaultCap;

    public static string Id(string text) =>
        CacheId.TryNormalize(text, out var id) ? id : throw new UserErrorException($"'{text}' is not a content id; expected sha256:<64 hex digits>");

    public static void Print(ParseResult parse, CacheEntry entry)
    {
        if (parse.GetValue(Json))
        {
            Console.Out.WriteLine(JsonSerializer.Serialize(entry, CliJsonContext.Default.CacheEntry));
        }
        else
        {
            Console.Out.WriteLine($"{entry.Id} {entry.Size} {entry.Path}");
        }
    }

    /// <summary>Parses a byte count given on the command line or in the environment (a cache cap, <c>cache gc --max-size</c>): the one size syntax, a bare number in bytes; 20GB is read as 20G, as --max-size took it before.</summary>
    internal static long ParseSize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var syntax = text.Length > 2 && text[^1] == 'B' && "KMGTkmgt".Contains(text[^2], StringComparison.Ordinal) ? text[..^1] : text;
        return SizeSyntax.TryParse(syntax, SizeUnit.Bytes, out var bytes, out var error)
            ? bytes
            : throw new UserErrorException($"'{text}' is not a size (at character {error.Offset + 1}); expected bytes or a number with K, M, G or T, e.g. 20G");
    }
}
