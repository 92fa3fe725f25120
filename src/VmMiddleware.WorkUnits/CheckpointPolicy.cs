namespace VmMiddleware.WorkUnits;

/// <summary>When the VM's state is saved so the work unit can resume elsewhere.</summary>
public sealed record CheckpointPolicy
{
    /// <summary>Gets the default policy: checkpoint on eviction, not after boot.</summary>
    public static CheckpointPolicy Default { get; } = new();

    /// <summary>Gets whether the VM is checkpointed when the batch system evicts the job (SIGTERM); default true.</summary>
    public bool OnEviction { get; init; } = true;

    /// <summary>Gets whether the VM is checkpointed once it has booted, so a restart skips the boot; default false.</summary>
    public bool AfterBoot { get; init; }
}
