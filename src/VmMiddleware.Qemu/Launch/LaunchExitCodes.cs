namespace VmMiddleware.Qemu.Launch;

/// <summary>The exit codes of vmgrid run: the guest command's own code when it finished, distinct codes for launcher outcomes.</summary>
public static class LaunchExitCodes
{
    /// <summary>The VM was checkpointed on eviction (HTCondor's checkpoint_exit_code); run again to resume.</summary>
    public const int Checkpointed = 85;

    /// <summary>
    /// The command itself exited <see cref="Checkpointed"/>: HTCondor would take that for a checkpoint and restart the job, so
    /// vmgrid run exits with this code instead and says the command's real code on stderr (and in --json's exitCode).
    /// </summary>
    public const int CommandExitedCheckpointCode = 118;

    /// <summary>The guest agent failed before or after the command (no command exit code).</summary>
    public const int AgentError = 119;

    /// <summary>The guest never booted.</summary>
    public const int NeverBooted = 120;

    /// <summary>QEMU crashed or was killed from outside.</summary>
    public const int QemuCrashed = 121;

    /// <summary>The guest stopped sending heartbeats.</summary>
    public const int Hung = 122;

    /// <summary>The outputs were refused.</summary>
    public const int OutputRefused = 123;

    /// <summary>The wall-time limit passed (as timeout(1)).</summary>
    public const int TimedOut = 124;

    /// <summary>The launch was cancelled (128 + SIGTERM).</summary>
    public const int Killed = 143;

    /// <summary>Maps a result to the process exit code of vmgrid run.</summary>
    public static int For(LaunchResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Outcome switch
        {
            LaunchOutcome.Succeeded => 0,
            LaunchOutcome.GuestFailed => result.ExitCode switch
            {
                null => AgentError,
                Checkpointed => CommandExitedCheckpointCode,
                { } code => code,
            },
            LaunchOutcome.TimedOut => TimedOut,
            LaunchOutcome.Hung => Hung,
            LaunchOutcome.NeverBooted => NeverBooted,
            LaunchOutcome.QemuCrashed => QemuCrashed,
            LaunchOutcome.Killed => Killed,
            LaunchOutcome.OutputRefused => OutputRefused,
            LaunchOutcome.Checkpointed => Checkpointed,
            _ => throw new ArgumentOutOfRangeException(nameof(result), result.Outcome, "Unknown outcome."),
        };
    }
}
