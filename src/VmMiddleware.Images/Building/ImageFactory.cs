using VmMiddleware.Images.Bases;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Planning;
using VmMiddleware.Host.Processes;
using VmMiddleware.Images.Store;
using VmMiddleware.Host.Locking;

namespace VmMiddleware.Images.Building;

/// <summary>Builds images from configuration DAGs: plan against the store, lock, make what is missing (base, then actions through the executor), commit one state per action.</summary>
/// <param name="store">The layer store.</param>
/// <param name="runner">Runs the base builder's tools.</param>
public sealed partial class ImageFactory(LayerStore store, IProcessRunner runner)
{
    /// <summary>Gets the store's base registry.</summary>
    public BaseRegistry Bases { get; } = new(store.BasesDirectory, store.Time);

    /// <summary>Reads the vmconfig file at <paramref name="dagPath"/> and builds it.</summary>
    public Task<BuildResult> BuildAsync(string dagPath, BuildOptions options, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default) =>
        BuildAsync(DagReader.Read(dagPath), options, progress, cancellationToken);

    /// <summary>Hashes the validated <paramref name="dag"/> with this store's base identities.</summary>
    /// <exception cref="DagFormatException">The base names an unregistered base.</exception>
    public HashedDag Hash(ConfigDag dag)
    {
        ArgumentNullException.ThrowIfNull(dag);
        try
        {
            return NodeHasher.Hash(dag, Bases.Identity);
        }
        catch (KeyNotFoundException e)
        {
            var node = dag.Base;
            throw new DagFormatException(dag.SourceName, node.Line, node.Column, $"base '{node.Id}': {e.Message}", node.Id, e);
        }
    }

    /// <summary>Builds <paramref name="dag"/>, reusing the cached state that covers its largest valid prefix; identical or overlapping concurrent builds wait for each other instead of building twice.</summary>
    /// <param name="dag">The validated request.</param>
    /// <param name="options">The executor and base recipe.</param>
    /// <param name="progress">Receives the phase, the action and bytes written.</param>
    /// <param name="cancellationToken">Cancels the build; committed states stay, nothing half-built is visible.</param>
    /// <returns>The image id and what was reused and built.</returns>
    /// <exception cref="BuildFailedException">An action failed; the states before it were committed.</exception>
    public async Task<BuildResult> BuildAsync(ConfigDag dag, BuildOptions options, IProgress<BuildProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        progress ??= new Progress<BuildProgress>();
        var started = store.Time.GetTimestamp();
        var hashed = Hash(dag);
        while (true)
        {
            progress.Report(new BuildProgress("planning", 0, 0, null, 0));
            var plan = PrefixPlanner.Plan(hashed, store.BuiltStates());
            if (plan.Steps.Count == 0)
            {
                store.Touch(plan.TargetStateId);
                var hit = store.Find(plan.TargetStateId)!;
                progress.Report(new BuildProgress("done", 0, 0, null, 0));
                return new BuildResult(hit.Id, hit.LayerPath, plan.ReusedNodes, 0, [], store.Time.GetElapsedTime(started), hit.Manifest.Provides);
            }

            var locks = await LockPlanAsync(plan, progress, cancellationToken).ConfigureAwait(false);
            if (locks is null)
            {
                continue; // someone built part of it while we waited: plan again
            }

            try
            {
                var built = await RunPlanAsync(plan, options, progress, cancellationToken).ConfigureAwait(false);
                var target = store.Find(plan.TargetStateId)!;
                store.Touch(target.Id);
                progress.Report(new BuildProgress("done", plan.Steps.Count, plan.Steps.Count, null, 0));
                return new BuildResult(target.Id, target.LayerPath, plan.ReusedNodes, plan.Steps.Count, built, store.Time.GetElapsedTime(started), target.Manifest.Provides);
            }
            finally
            {
                foreach (var held in locks)
                {
                    held.Dispose();
                }
            }
        }
    }

    /// <summary>Takes the build locks of every state the plan makes, in chain order; returns null when the plan went stale while waiting.</summary>
    private async Task<List<FileLock>?> LockPlanAsync(BuildPlan plan, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        var locks = new List<FileLock>();
        try
        {
            foreach (var step in plan.Steps)
            {
                locks.Add(await store.LockStateAsync(step.StateId, () => progress.Report(new BuildProgress("waiting", 0, plan.Steps.Count, step.Node.Id, 0)), cancellationToken).ConfigureAwait(false));
                if (store.Find(step.StateId) is not null)
                {
                    break;
                }
            }

            // Under the locks, the plan is still right only if none of its states appeared and its start is still there.
            var stale = plan.Steps.Any(s => store.Find(s.StateId) is not null) || (plan.Start is { } start && store.Find(start.Id) is null);
            if (!stale)
            {
                var ready = locks;
                locks = null;
                return ready;
            }

            return null;
        }
        finally
        {
            foreach (var held in locks ?? [])
            {
                held.Dispose();
            }
        }
    }
}
