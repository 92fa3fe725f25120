using VmMiddleware.Images.Building;

namespace VmMiddleware.Images.Tests.Building;

/// <summary>Stands in for a builder: writes each layer file; fails the action whose id is <see cref="FailOn"/>; counts the actions it ran.</summary>
internal sealed class FakeExecutor : IActionExecutor
{
    private int runs;

    public string? FailOn { get; init; }

    /// <summary>Gets the log the failing action reports.</summary>
    public string FailureLog { get; init; } = "boom\n";

    public TimeSpan Delay { get; init; }

    /// <summary>Gets whether each finished layer but the last is handed to <see cref="ExecutionRequest.LayerCompleted"/> at once, as the VM executor does.</summary>
    public bool CommitEarly { get; init; }

    /// <summary>Gets the id of the action after which the executor dies (as a killed builder would), or null.</summary>
    public string? DieAfter { get; init; }

    public List<string> Ran { get; } = [];

    public int Runs => runs;

    public async Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref runs);
        await Task.Delay(Delay, cancellationToken);
        var outcomes = new List<ActionOutcome>();
        foreach (var action in request.Actions)
        {
            Assert.IsTrue(File.Exists(Path.Combine(request.SeedDirectory, "actions", action.SeedName, "kind")));
            lock (Ran)
            {
                Ran.Add(action.Node.Id);
            }

            if (action.Node.Id == FailOn)
            {
                outcomes.Add(new ActionOutcome(action.Number, 3, FailureLog, TimeSpan.Zero));
                break;
            }

            await File.WriteAllTextAsync(action.LayerPath, "layer of " + action.Node.Id + " on " + action.BackingFileName, cancellationToken);
            outcomes.Add(new ActionOutcome(action.Number, 0, "ok " + action.Node.Id + "\n", TimeSpan.Zero));
            if (CommitEarly && action.Number < request.Actions.Count)
            {
                await request.LayerCompleted!(action.Number, cancellationToken);
            }

            if (action.Node.Id == DieAfter)
            {
                throw new IOException("the builder died");
            }
        }

        return outcomes;
    }
}
