using System.Text.Json.Serialization;

namespace VmMiddleware.Qemu.Launch;

/// <summary>Source-generated JSON for the checkpoint manifests (no reflection: the launcher is AOT-compatible).</summary>
[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(CheckpointManifest))]
[JsonSerializable(typeof(BootCheckpointManifest))]
internal sealed partial class LaunchJsonContext : JsonSerializerContext;
