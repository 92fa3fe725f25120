namespace VmMiddleware.Qemu.Launch;

/// <summary>The limits the watch enforces on a running VM.</summary>
/// <param name="WallDeadline">When the whole run must have finished.</param>
/// <param name="BootTimeout">How long after QEMU starts VMGRID:BOOTED may take.</param>
/// <param name="HeartbeatTimeout">How long the guest may stay silent after booting.</param>
/// <param name="AlreadyBooted">Whether the guest booted before (restored from a state).</param>
/// <param name="AlreadyStarted">Whether the command started before (restored from an eviction checkpoint).</param>
/// <param name="StopAtWaiting">Whether VMGRID:WAITING ends the watch (saving a boot checkpoint).</param>
internal sealed record WatchPolicy(
    DateTimeOffset WallDeadline, TimeSpan BootTimeout, TimeSpan HeartbeatTimeout, bool AlreadyBooted, bool AlreadyStarted, bool StopAtWaiting);
