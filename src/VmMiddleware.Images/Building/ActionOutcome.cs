namespace VmMiddleware.Images.Building;

/// <summary>How one action ended in the guest: its exit status and log.</summary>
/// <param name="Number">The action's 1-based position in the run.</param>
/// <param name="Status">The exit status the runner reported (0 = success).</param>
/// <param name="Log">What the action printed.</param>
/// <param name="Duration">How long it ran.</param>
public sealed record ActionOutcome(int Number, int Status, string Log, TimeSpan Duration);
