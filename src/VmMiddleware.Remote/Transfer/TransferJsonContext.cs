using System.Text.Json.Serialization;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Source-generated JSON for what the gateway-side stage prints (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(StageResult))]
internal sealed partial class TransferJsonContext : JsonSerializerContext
{
}
