namespace VmMiddleware.Qemu.Launch;

/// <summary>The result of one launch: outcome, the command's exit code, a one-line reason, phase timings and where things are.</summary>
public sealed record LaunchResult
{
    /// <summary>Gets how the launch ended.</summary>
    public required LaunchOutcome Outcome { get; init; }

    /// <summary>Gets the guest command's exit code (0-255) when it finished, else null.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Gets one line saying what happened.</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the accelerator QEMU ran with (kvm or tcg), or null when QEMU never started.</summary>
    public string? Accelerator { get; init; }

    /// <summary>Gets why that accelerator was chosen.</summary>
    public string? AcceleratorReason { get; init; }

    /// <summary>Gets the phase durations.</summary>
    public required LaunchTimings Timings { get; init; }

    /// <summary>Gets the directory the outputs were written to (work-dir/out), or null when none were kept.</summary>
    public string? OutputDirectory { get; init; }

    /// <summary>Gets the path of the serial console log.</summary>
    public required string ConsoleLog { get; init; }

    /// <summary>Gets the last lines of the serial console (and QEMU's errors), for failure reports.</summary>
    public required string ConsoleTail { get; init; }

    /// <summary>Gets the declared outputs that the guest did not produce.</summary>
    public IReadOnlyList<string> MissingOutputs { get; init; } = [];

    /// <summary>Gets how the VM started: cold, boot-checkpoint or resumed.</summary>
    public required string StartKind { get; init; }

    /// <summary>Gets the image cache's content id of the image the VM booted (sha256:...), or null for the reference guest or an uncached image.</summary>
    public string? ImageId { get; init; }

    /// <summary>Gets the disks that came back into the work directory (whole disks or deltas), empty when none did.</summary>
    public IReadOnlyList<string> ReturnedDisks { get; init; } = [];

    /// <summary>Gets the pid of the last QEMU process, or null when none started.</summary>
    public int? QemuPid { get; init; }
}
