namespace VmMiddleware.Host.Locking;

/// <summary>How <see cref="FileLock.AcquireAsync"/> and <see cref="FileLock.Acquire"/> wait for a busy lock.</summary>
public sealed record FileLockOptions
{
    /// <summary>Gets a value indicating whether the lock is exclusive (the default) or shared.</summary>
    public bool Exclusive { get; init; } = true;

    /// <summary>Gets how long to wait before giving up with a <see cref="TimeoutException"/>; <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> (the default) waits until cancelled.</summary>
    public TimeSpan Timeout { get; init; } = System.Threading.Timeout.InfiniteTimeSpan;

    /// <summary>Gets the clock the back-off and the timeout are measured on (real time by default: waits are about other processes).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Gets a callback run once, the first time the lock is found busy (for example to say "waiting for another build").</summary>
    public Action? OnWait { get; init; }
}
