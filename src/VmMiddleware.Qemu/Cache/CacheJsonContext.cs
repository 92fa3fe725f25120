using System.Text.Json.Serialization;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Source-generated JSON for the cache index, so the launcher stays trimmable and AOT-safe.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CacheIndexDocument))]
internal sealed partial class CacheJsonContext : JsonSerializerContext;
