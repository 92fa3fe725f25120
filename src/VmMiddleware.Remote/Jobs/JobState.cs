namespace VmMiddleware.Remote.Jobs;

/// <summary>The one state vocabulary for every job, whichever way it went (HTCondor, GRAM, local, remote).</summary>
public enum JobState
{
    /// <summary>Waiting to start (HTCondor idle, GRAM PENDING or UNSUBMITTED).</summary>
    Idle,

    /// <summary>Running (GRAM STAGE_IN, ACTIVE or STAGE_OUT; HTCondor running or transferring output; the launcher alive).</summary>
    Running,

    /// <summary>Held, with the reason (HTCondor held or suspended, GRAM SUSPENDED).</summary>
    Held,

    /// <summary>Finished, and the guest command exited 0.</summary>
    Completed,

    /// <summary>Removed or cancelled before it finished.</summary>
    Removed,

    /// <summary>Finished without success, with the reason and, when the guest command ran to its end, its exit code.</summary>
    Failed,
}
