namespace VmMiddleware.Images.Building;

/// <summary>Creates the real executor on first use, so requests answered from the cache never look for QEMU or the guest.</summary>
/// <param name="create">Makes the executor (called at most once).</param>
public sealed class DeferredActionExecutor(Func<IActionExecutor> create) : IActionExecutor
{
    private readonly Lazy<IActionExecutor> _executor = new(create);

    /// <summary>Gets whether the real executor was created (some request needed actions run).</summary>
    public bool Created => _executor.IsValueCreated;

    /// <inheritdoc/>
    public Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken) =>
        _executor.Value.ExecuteAsync(request, progress, cancellationToken);
}
