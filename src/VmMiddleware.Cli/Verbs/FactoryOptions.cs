using System.CommandLine;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Options the factory verbs share: where the store is, and machine-readable output.</summary>
internal static class FactoryOptions
{
    public static Option<string?> Store() => new("--store") { Description = "The factory store directory (default: $" + StoreLocation.EnvironmentVariable + ", else ~/.cache/vmmiddleware/factory)." };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON." };

    public static LayerStore Open(string? store) => LayerStore.Open(StoreLocation.Resolve(store));

    public static long ParseSize(string text)
    {
        try
        {
            return VmMiddleware.Images.Dag.DagDocumentParser.ParseSize(text.TrimEnd('B', 'i'));
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentOutOfRangeException)
        {
            throw new UserErrorException($"'{text}' is not a size; expected a whole number with an optional K, M, G or T suffix", e);
        }
    }
}
