namespace VmMiddleware.WorkUnits;

/// <summary>The run-time limits of a work unit.</summary>
public sealed record Limits
{
    /// <summary>Gets the default limits: 1 hour of wall time, 1 GiB of output and a 30-second heartbeat timeout.</summary>
    public static Limits Default { get; } = new();

    /// <summary>Gets the longest the VM may run, boot included; positive, default 1 hour.</summary>
    public TimeSpan WallTime { get; init => field = WorkUnitRules.RequirePositive(value, nameof(WallTime)); } = TimeSpan.FromHours(1);

    /// <summary>Gets the most output, in bytes, that is copied back; positive, default 1 GiB.</summary>
    public long MaxOutputBytes { get; init => field = WorkUnitRules.RequirePositive(value, nameof(MaxOutputBytes)); } = 1L << 30;

    /// <summary>Gets how long the guest may stay silent before it is considered hung; positive, default 30 seconds.</summary>
    public TimeSpan HeartbeatTimeout { get; init => field = WorkUnitRules.RequirePositive(value, nameof(HeartbeatTimeout)); } = TimeSpan.FromSeconds(30);
}
