using System.Text.Json.Serialization;
using VmMiddleware.Images.Store;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Cache;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli;

/// <summary>Source-generated JSON for the verbs' <c>--json</c> output, so the published single file needs no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BundleManifest))]
[JsonSerializable(typeof(StateManifest))]
[JsonSerializable(typeof(QemuInstallation))]
[JsonSerializable(typeof(CacheEntry))]
[JsonSerializable(typeof(IReadOnlyList<CacheEntry>))]
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
