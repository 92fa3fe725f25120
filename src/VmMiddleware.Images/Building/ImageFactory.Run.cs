using VmMiddleware.Images.Bases;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Planning;
using VmMiddleware.Images.Store;

namespace VmMiddleware.Images.Building;

public sealed partial class ImageFactory
{
    /// <summary>Runs a locked plan: makes the base if needed, runs the actions through the executor, commits one state per successful action.</summary>
    private async Task<List<string>> RunPlanAsync(BuildPlan plan, BuildOptions options, IProgress<BuildProgress> progress, CancellationToken cancellationToken)
    {
        var built = new List<string>();
        using var session = store.BeginSession();
        var work = session.WorkDirectory();

        // The start chain is leased for the whole build: the builder VM reads it, so no eviction may take it meanwhile.
        using var startLease = plan.Start is { } leased
            ? store.Lease(leased.Id) ?? throw new BuildFailedException($"the cached state {leased.Id} was evicted as the build began; run the build again")
            : null;
        try
        {
            var current = plan.Start is { } start ? store.Find(start.Id)! : null;
            var steps = plan.Steps.ToList();
            if (current is null)
            {
                progress.Report(new BuildProgress("base", 0, steps.Count, steps[0].Node.Id, 0));
                current = await MakeBaseAsync(steps[0], options, session, work, cancellationToken).ConfigureAwait(false);
                built.Add(current.Id);
                steps.RemoveAt(0);
            }

            if (steps.Count == 0)
            {
                return built;
            }

            var seed = Path.Combine(work, "seed");
            SeedWriter.Write(seed, steps.Select(s => s.Node).ToList());
            var actions = new List<ExecutionAction>();
            var size = current.Manifest.VirtualSizeBytes;
            for (var i = 0; i < steps.Count; i++)
            {
                if (steps[i].Node.Action is ResizeAction resize)
                {
                    size = Math.Max(size, resize.SizeBytes);
                }

                var backing = i == 0 ? LayerStore.LayerFileName(current.Id) : Path.GetFileName(actions[i - 1].LayerPath);
                actions.Add(new ExecutionAction(
                    i + 1, SeedWriter.SeedName(i + 1, steps[i].Node), steps[i].Node, session.TempLayerPath(i + 1), backing, size, LayerStore.LayerFileName(steps[i].StateId)));
            }

            // An action whose layer is done is committed at once (its log is written when the executor returns), so a build
            // killed later keeps it: the layer names its parent by the parent's state file already, nothing is rebased.
            var early = new HashSet<int>();
            async Task CommitAsync(int number, string log, bool backingNamed, CancellationToken token)
            {
                var step = steps[number - 1];
                progress.Report(new BuildProgress("commit", number, steps.Count, step.Node.Id, 0));
                var provides = new Dictionary<string, string>(current.Manifest.Provides, StringComparer.Ordinal);
                if (step.Node.Action is ProvidesAction declared)
                {
                    foreach (var (name, value) in declared.Attributes)
                    {
                        provides[name] = value;
                    }
                }

                var manifest = new StateManifest(
                    step.StateId, [.. step.NodeHashes.Order(StringComparer.Ordinal)], current.Id, $"{step.Node.Id} ({step.Node.Action.ElementName})",
                    0, actions[number - 1].DiskSizeBytes, default, null, provides, current.Manifest.Kernel);
                current = await store.CommitAsync(actions[number - 1].LayerPath, manifest, log, backingNamed, token).ConfigureAwait(false);
                built.Add(current.Id);
            }

            var request = new ExecutionRequest(current.LayerPath, current.Manifest.VirtualSizeBytes, current.Manifest.Kernel, seed, actions, Directory.CreateDirectory(Path.Combine(work, "executor")).FullName)
            {
                LayerCompleted = async (number, token) =>
                {
                    await CommitAsync(number, $"(action {number} committed while the build went on; its output is added when the builder VM ends)\n", true, token).ConfigureAwait(false);
                    early.Add(number);
                },
            };
            var outcomes = await options.Executor.ExecuteAsync(request, progress, cancellationToken).ConfigureAwait(false);
            foreach (var outcome in outcomes)
            {
                var step = steps[outcome.Number - 1];
                if (early.Contains(outcome.Number))
                {
                    store.WriteLog(step.StateId, outcome.Log);
                    continue;
                }

                if (outcome.Status != 0)
                {
                    throw new BuildFailedException(step.Node.Id, outcome.Status, outcome.Log, store.KeepFailedLog(step.StateId, outcome.Log));
                }

                await CommitAsync(outcome.Number, outcome.Log, false, cancellationToken).ConfigureAwait(false);
            }

            return outcomes.Count == steps.Count
                ? built
                : throw new BuildFailedException($"the executor stopped after {outcomes.Count} of {steps.Count} actions without reporting a failure");
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    /// <summary>Makes the base state: builds the reference base, or imports a registered or file base as a qcow2 layer.</summary>
    private async Task<StoredState> MakeBaseAsync(PlanStep step, BuildOptions options, BuildSession session, string work, CancellationToken cancellationToken)
    {
        var action = (BaseAction)step.Node.Action;
        var temp = session.TempLayerPath(0);
        string log;
        string? kernel = action.Kernel;
        var registered = action.Ref is { } name ? Bases.Find(name)! : null;
        if (registered is { Kind: BaseKind.Reference })
        {
            var result = await new ReferenceBaseBuilder(runner, store.QemuImg, store.Time).BuildAsync(options.ReferenceBase ?? ReferenceBaseRecipe.Default, temp, work, cancellationToken).ConfigureAwait(false);
            log = result.Log + $"reference base built in {result.Duration.TotalSeconds:F1} s\n";
        }
        else
        {
            var image = registered?.ImagePath ?? action.Path!;
            await store.QemuImg.ConvertAsync(image, temp, "qcow2", registered?.Format ?? action.Format, cancellationToken: cancellationToken).ConfigureAwait(false);
            kernel ??= registered?.Kernel;
            log = $"imported {image}\n";
        }

        var info = await store.QemuImg.InfoAsync(temp, cancellationToken).ConfigureAwait(false);
        var manifest = new StateManifest(step.StateId, [.. step.NodeHashes], null, $"{step.Node.Id} (base {action.Ref ?? Path.GetFileName(action.Path)})",
            0, info.VirtualSizeBytes, default, null, new Dictionary<string, string>(), kernel);
        return await store.CommitAsync(temp, manifest, log, cancellationToken).ConfigureAwait(false);
    }
}
