using System.Text.Json.Serialization;

namespace VmMiddleware.Remote.Jobs;

/// <summary>The one state vocabulary for every job, whichever way it went (HTCondor, GRAM, local, remote).</summary>
public enum JobState
{
    /// <summary>Waiting to start (HTCondor idle, GRAM UNSUBMITTED, STAGE_IN or PENDING).</summary>
    [JsonStringEnumMemberName("idle")]
    Idle,

    /// <summary>Running (GRAM ACTIVE or STAGE_OUT; HTCondor running or transferring output; the launcher alive).</summary>
    [JsonStringEnumMemberName("running")]
    Running,

    /// <summary>Held, with the reason (HTCondor held or suspended, GRAM SUSPENDED).</summary>
    [JsonStringEnumMemberName("held")]
    Held,

    /// <summary>Finished, and the guest command exited 0.</summary>
    [JsonStringEnumMemberName("completed")]
    Completed,

    /// <summary>Removed or cancelled before it finished.</summary>
    [JsonStringEnumMemberName("removed")]
    Removed,

    /// <summary>Finished without success, with the reason and, when the guest command ran to its end, its exit code.</summary>
    [JsonStringEnumMemberName("failed")]
    Failed,
}
