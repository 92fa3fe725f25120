using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace VmMiddleware.Remote.Condor;

/// <summary>Reads what the HTCondor tools print: condor_submit's "N job(s) submitted to cluster C." and the JSON ads of condor_q -json and condor_history -json.</summary>
/// <remarks>With -json, HTCondor prints nothing at all when no ad matches, else "[", the ads as objects separated by ",", and "]"
/// (CondorClassAdListWriter in condor_utils/compat_classad.cpp). Literal values are JSON values; expressions are strings
/// of the form "\/Expr(...)\/", which none of <see cref="CondorJobAd.Attributes"/> is.</remarks>
public static partial class CondorOutput
{
    /// <summary>Returns the cluster id condor_submit reports, or null when it reports none.</summary>
    public static int? SubmittedCluster(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        var match = SubmittedPattern().Match(stdout);
        return match.Success ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>Returns the first job ad of condor_q -json or condor_history -json output, or null when it holds none.</summary>
    /// <exception cref="FormatException">The output is not HTCondor's JSON form.</exception>
    public static CondorJobAd? FirstJob(string stdout)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        if (string.IsNullOrWhiteSpace(stdout))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(stdout);
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                throw new FormatException("expected a JSON array of job ads");
            }

            foreach (var ad in document.RootElement.EnumerateArray())
            {
                return new CondorJobAd(
                    Int(ad, "JobStatus") ?? throw new FormatException("a job ad has no JobStatus"),
                    Int(ad, "ExitCode"),
                    ad.TryGetProperty("ExitBySignal", out var bySignal) && bySignal.ValueKind == JsonValueKind.True,
                    Int(ad, "ExitSignal"),
                    Text(ad, "HoldReason"),
                    Text(ad, "RemoveReason"));
            }

            return null;
        }
        catch (JsonException e)
        {
            throw new FormatException("not HTCondor's JSON ad form: " + e.Message, e);
        }
    }

    private static int? Int(JsonElement ad, string name) =>
        ad.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) ? number : null;

    private static string? Text(JsonElement ad, string name) =>
        ad.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    [GeneratedRegex(@"^\s*\d+ job\(s\) submitted to cluster (\d+)\.", RegexOptions.Multiline | RegexOptions.CultureInvariant)]
    private static partial Regex SubmittedPattern();
}
