using VmMiddleware.Images.Building;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>Wraps a real executor and records what it was asked to run: a request it never sees started no builder VM.</summary>
internal sealed class CountingExecutor(IActionExecutor inner) : IActionExecutor
{
    private int _calls;

    public int Calls => _calls;

    public List<string> Ran { get; } = [];

    public Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        lock (Ran)
        {
            Ran.AddRange(request.Actions.Select(a => a.Node.Id));
        }

        return inner.ExecuteAsync(request, progress, cancellationToken);
    }
}
