using System.Text.Json.Serialization;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Source-generated JSON for tickets and reports (Native AOT: no reflection).</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true, UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(JobTicket))]
[JsonSerializable(typeof(JobReport))]
[JsonSerializable(typeof(IReadOnlyList<JobListing>))]
internal sealed partial class JobsJsonContext : JsonSerializerContext
{
}
