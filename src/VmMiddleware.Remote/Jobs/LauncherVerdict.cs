using System.Text.Json;
using System.Text.Json.Nodes;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Turns what the launcher (vmgrid run) left behind into a <see cref="JobStatus"/>: its --json result, or only its process exit code (src/VmMiddleware.Qemu/README.md lists them).</summary>
public static class LauncherVerdict
{
    /// <summary>Returns the final status described by the launcher's --json result <paramref name="json"/>, or null when it is not one (absent, cut short, not JSON).</summary>
    /// <param name="json">The text vmgrid run --json printed.</param>
    /// <param name="native">The batch system's final state, to keep beside it.</param>
    public static JobStatus? FromJson(string? json, string? native)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        JsonObject? result;
        try
        {
            result = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        if (result?["outcome"]?.GetValueKind() != JsonValueKind.String || result["processExitCode"]?.GetValueKind() != JsonValueKind.Number)
        {
            return null;
        }

        var outcome = result["outcome"]!.GetValue<string>();
        int? exitCode = result["exitCode"]?.GetValueKind() == JsonValueKind.Number ? result["exitCode"]!.GetValue<int>() : null;
        var reason = result["reason"]?.GetValueKind() == JsonValueKind.String ? result["reason"]!.GetValue<string>() : null;
        return outcome switch
        {
            "Succeeded" => new JobStatus(JobState.Completed, exitCode ?? 0, null, native),
            "GuestFailed" when exitCode is { } code => new JobStatus(JobState.Failed, code, reason ?? $"the command exited {code}", native),
            "Checkpointed" => new JobStatus(JobState.Held, null, reason ?? "checkpointed on eviction; run it again to resume", native),
            "Killed" => new JobStatus(JobState.Removed, null, reason ?? "stopped by a signal", native),
            _ => new JobStatus(JobState.Failed, exitCode, reason ?? outcome, native),
        };
    }

    /// <summary>Returns the final status that the launcher's process exit code alone tells (HTCondor's ExitCode, a run without its JSON).</summary>
    public static JobStatus FromExitCode(int code, string? native) => code switch
    {
        0 => new JobStatus(JobState.Completed, 0, null, native),
        85 => new JobStatus(JobState.Held, null, "checkpointed on eviction (exit 85); run it again to resume", native),
        118 => new JobStatus(JobState.Failed, 85, "the command exited 85 (vmgrid exits 118 for it)", native),
        119 => new JobStatus(JobState.Failed, null, "the guest agent failed (exit 119)", native),
        120 => new JobStatus(JobState.Failed, null, "the guest never booted (exit 120)", native),
        121 => new JobStatus(JobState.Failed, null, "QEMU crashed or was killed (exit 121)", native),
        122 => new JobStatus(JobState.Failed, null, "the guest hung: no heartbeat (exit 122)", native),
        123 => new JobStatus(JobState.Failed, null, "outputs refused (exit 123)", native),
        124 => new JobStatus(JobState.Failed, null, "wall-time limit passed (exit 124)", native),
        143 => new JobStatus(JobState.Removed, null, "stopped by a signal (exit 143)", native),
        _ => new JobStatus(JobState.Failed, code, $"exit code {code}", native),
    };
}
