using System.Text.Json.Serialization;

namespace VmMiddleware.Store.Entries;

/// <summary>Source-generated JSON for entry files, so trimmed and Native AOT builds need no reflection.</summary>
[JsonSourceGenerationOptions(WriteIndented = true, PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(EntryRecord))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
