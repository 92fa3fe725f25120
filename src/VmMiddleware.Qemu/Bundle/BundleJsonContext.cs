using System.Text.Json.Serialization;

namespace VmMiddleware.Qemu.Bundle;

/// <summary>Source-generated JSON for the bundle manifest.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BundleManifest))]
internal sealed partial class BundleJsonContext : JsonSerializerContext;
