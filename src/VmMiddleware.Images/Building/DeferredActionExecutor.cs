namespace VmMiddleware.Images.Building;

/// <summary>Creates the real executor on first use, so requests answered from the cache never look for QEMU or the guest.</summary>
public sealed class DeferredActionExecutor : IActionExecutor, IDisposable
{
    private readonly Func<CancellationToken, Task<IActionExecutor>> _create;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IActionExecutor? _executor;

    /// <summary>Initializes an executor that makes the real one with <paramref name="create"/> (called at most once).</summary>
    /// <param name="create">Makes the executor.</param>
    public DeferredActionExecutor(Func<IActionExecutor> create)
        : this(_ => Task.FromResult(create()))
    {
        ArgumentNullException.ThrowIfNull(create);
    }

    /// <summary>Initializes an executor that makes the real one asynchronously with <paramref name="create"/> (completed at most once; a failed or cancelled attempt is retried by the next request).</summary>
    /// <param name="create">Makes the executor; it is given the first request's cancellation token.</param>
    public DeferredActionExecutor(Func<CancellationToken, Task<IActionExecutor>> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        _create = create;
    }

    /// <summary>Gets whether the real executor was created (some request needed actions run).</summary>
    public bool Created => Volatile.Read(ref _executor) is not null;

    /// <inheritdoc/>
    public async Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _executor) is not { } executor)
        {
            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                executor = _executor ??= await _create(cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                _gate.Release();
            }
        }

        return await executor.ExecuteAsync(request, progress, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Releases the gate that serialises the creation.</summary>
    public void Dispose() => _gate.Dispose();
}
