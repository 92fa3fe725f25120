namespace VmMiddleware.Qemu.Launch;

/// <summary>How a launch ended.</summary>
public enum LaunchOutcome
{
    /// <summary>The command ran and exited 0; outputs were collected.</summary>
    Succeeded,

    /// <summary>The command exited non-zero (outputs were collected), or the guest agent reported an error.</summary>
    GuestFailed,

    /// <summary>The wall-time limit passed before the guest finished.</summary>
    TimedOut,

    /// <summary>The guest stopped sending heartbeats for longer than the heartbeat timeout.</summary>
    Hung,

    /// <summary>The guest never printed VMGRID:BOOTED within the boot timeout, or QEMU ended before it did.</summary>
    NeverBooted,

    /// <summary>QEMU exited or was killed before the guest finished.</summary>
    QemuCrashed,

    /// <summary>The launch was cancelled (SIGINT, or SIGTERM with checkpointing off).</summary>
    Killed,

    /// <summary>The guest finished but its outputs broke a safety rule or a size limit; nothing was kept.</summary>
    OutputRefused,

    /// <summary>The VM was saved on eviction; running again in the same work directory resumes it.</summary>
    Checkpointed,
}
