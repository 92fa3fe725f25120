using System.Text.Json.Serialization;

namespace VmMiddleware.Plugins.Cache;

/// <summary>Source-generated JSON for the plugin cache's entry metadata (AOT-safe).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(LayerMetadata))]
internal sealed partial class PluginJsonContext : JsonSerializerContext;
