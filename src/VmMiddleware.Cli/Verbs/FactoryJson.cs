using System.Text.Json.Serialization;

namespace VmMiddleware.Cli.Verbs;

/// <summary>One line of <c>vmgrid cache list --json</c>.</summary>
internal sealed record StateSummary(string Id, string? Parent, long Bytes, int Nodes, DateTimeOffset LastUsed, bool Pinned, string Action);

/// <summary>The exported file in <c>vmgrid build --json</c>.</summary>
internal sealed record ExportSummary(string Path, string Format, string Sha256);

/// <summary>The result printed by <c>vmgrid build --json</c>.</summary>
internal sealed record BuildSummary(
    string Image,
    string Layer,
    int ReusedNodes,
    int BuiltNodes,
    bool ExactHit,
    IReadOnlyList<string> StatesBuilt,
    double Seconds,
    double RequestSeconds,
    IReadOnlyDictionary<string, string> Provides,
    ExportSummary? Export);

/// <summary>Source-generated, single-line JSON for the factory verbs (the published vmgrid is trimmed: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BuildSummary))]
[JsonSerializable(typeof(List<StateSummary>))]
internal sealed partial class FactoryJsonContext : JsonSerializerContext;
