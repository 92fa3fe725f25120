namespace VmMiddleware.Qemu.Launch;

/// <summary>Durations of the launch's phases; a phase that did not happen is zero.</summary>
public sealed record LaunchTimings
{
    /// <summary>Gets the time spent preparing: checksum, overlay, volumes, accelerator probe.</summary>
    public TimeSpan Prepare { get; init; }

    /// <summary>Gets the time from starting QEMU until the guest's command started (VMGRID:START).</summary>
    public TimeSpan Boot { get; init; }

    /// <summary>Gets the time from VMGRID:START until VMGRID:DONE.</summary>
    public TimeSpan Run { get; init; }

    /// <summary>Gets the time from VMGRID:DONE until QEMU exited.</summary>
    public TimeSpan Shutdown { get; init; }

    /// <summary>Gets the time spent reading the outputs back.</summary>
    public TimeSpan Collect { get; init; }

    /// <summary>Gets the time spent saving a checkpoint.</summary>
    public TimeSpan Checkpoint { get; init; }

    /// <summary>Gets the time from the launch's start until VMGRID:START, or zero when the command never started.</summary>
    public TimeSpan ToStart { get; init; }

    /// <summary>Gets the whole launch's duration.</summary>
    public TimeSpan Total { get; init; }
}
