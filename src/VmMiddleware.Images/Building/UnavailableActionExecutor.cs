namespace VmMiddleware.Images.Building;

/// <summary>The default until the launcher's VM executor is plugged in: fails with a message saying how to build today.</summary>
public sealed class UnavailableActionExecutor : IActionExecutor
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken) =>
        throw new NotSupportedException("the VM action executor (builder VMs under the launcher) is not available in this build; use --executor chroot (root only, runs the actions in a chroot on this host)");
}
