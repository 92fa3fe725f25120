namespace VmMiddleware.Remote.Jobs;

/// <summary>Where a job stands: its state in the one vocabulary, the exit code and reason where they apply, and the batch system's own word for it.</summary>
/// <param name="State">The state.</param>
/// <param name="ExitCode">The guest command's exit code when it ran to its end, else null.</param>
/// <param name="Reason">Why it is held or failed (or other detail), else null.</param>
/// <param name="Native">The underlying system's state, such as "GRAM ACTIVE" or "HTCondor JobStatus 5", else null.</param>
public sealed record JobStatus(JobState State, int? ExitCode, string? Reason, string? Native)
{
    /// <summary>Gets whether the job will not change any more.</summary>
    public bool IsFinal => State is JobState.Completed or JobState.Removed or JobState.Failed;

    /// <summary>Gets the state as the CLI prints it, lower case.</summary>
    public string StateName => State.ToString().ToLowerInvariant();

    /// <summary>Returns one line such as "failed (exit code 3): the command exited 3".</summary>
    public override string ToString()
    {
        var code = ExitCode is { } c ? $" (exit code {c})" : string.Empty;
        var reason = Reason is null ? string.Empty : ": " + Reason;
        var native = Native is null ? string.Empty : $" [{Native}]";
        return StateName + code + reason + native;
    }
}
