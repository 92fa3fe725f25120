namespace VmMiddleware.Images.Building;

/// <summary>For callers that must not run actions (base-only builds, tests): fails with a message naming the executors that can.</summary>
public sealed class UnavailableActionExecutor : IActionExecutor
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException("no action executor was configured for this build; use the VM executor (builder VMs, the default of vmgrid build) or --executor chroot (root only, runs the actions in a chroot on this host)");
}
