namespace VmMiddleware.Images.Building;

/// <summary>What an <see cref="IActionExecutor"/> gets: the state to start from, the seed with the actions, and one layer to produce per action.</summary>
/// <param name="StartLayerPath">The qcow2 layer of the best cached state (read-only: never write it).</param>
/// <param name="StartVirtualSizeBytes">Its virtual disk size.</param>
/// <param name="Kernel">The kernel that boots the image, when the base has one.</param>
/// <param name="SeedDirectory">The seed: <c>run-actions.sh</c> and <c>actions/NN-kind/</c> (see Guest/run-actions.sh).</param>
/// <param name="Actions">The actions in the order to run them.</param>
/// <param name="WorkDirectory">Scratch space for the executor, removed after the build.</param>
public sealed record ExecutionRequest(string StartLayerPath, long StartVirtualSizeBytes, string? Kernel, string SeedDirectory, IReadOnlyList<ExecutionAction> Actions, string WorkDirectory)
{
    /// <summary>
    /// Gets the commit to call as soon as an action (by number) succeeded and its layer will not be written again, while the
    /// later actions still run, so a killed build keeps it; its log follows when the executor returns. Null: commit at the end.
    /// </summary>
    public Func<int, CancellationToken, Task>? LayerCompleted { get; init; }
}
