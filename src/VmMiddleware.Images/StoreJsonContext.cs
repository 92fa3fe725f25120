using System.Text.Json.Serialization;
using VmMiddleware.Images.Bases;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images;

/// <summary>Source-generated JSON for the store's manifests and registered bases, so a trimmed vmgrid needs no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(StateManifest))]
[JsonSerializable(typeof(RegisteredBase))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
