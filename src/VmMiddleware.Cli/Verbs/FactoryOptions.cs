using System.CommandLine;
using VmMiddleware.Host.Sizes;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Options the factory verbs share: where the store is, and machine-readable output.</summary>
internal static class FactoryOptions
{
    public static Option<string?> Store() => new("--store") { Description = "The factory store directory (default: $" + StoreLocation.EnvironmentVariable + ", else ~/.cache/vmmiddleware/factory)." };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON." };

    public static LayerStore Open(string? store) => LayerStore.Open(StoreLocation.Resolve(store));

    // Trimming B and i keeps the spellings this option took before the one size syntax (20GB, 20GiB, 512B).
    public static long ParseSize(string text) =>
        SizeSyntax.TryParse(text.TrimEnd('B', 'i'), SizeUnit.Bytes, out var bytes, out var error)
            ? bytes
            : throw new UserErrorException($"'{text}' is not a size (at character {error.Offset + 1}); expected a whole number with an optional K, M, G or T suffix");
}
