namespace VmMiddleware.Images.Building;

/// <summary>The builder seam: runs the remaining actions against an image and leaves one qcow2 layer per successful action.</summary>
/// <remarks>
/// Contract: for every action that succeeds, in order, the file <see cref="ExecutionAction.LayerPath"/> exists, is a qcow2 image whose
/// backing file is <see cref="ExecutionAction.BackingFileName"/> (relative), and holds the disk as it is after that action. Execution stops at
/// the first failure; its outcome (non-zero status, log) is the last one returned. <see cref="VmActionExecutor"/> boots the image in a builder
/// VM with the seed volume and the guest runs Guest/run-actions.sh; <see cref="ChrootActionExecutor"/> does the same on the host (root only).
/// </remarks>
public interface IActionExecutor
{
    /// <summary>Runs <paramref name="request"/>'s actions in order.</summary>
    /// <param name="request">The start state, seed and layers to produce.</param>
    /// <param name="progress">Receives the action being run and bytes written.</param>
    /// <param name="cancellationToken">Cancels the run; partial layers are left for the caller to discard.</param>
    /// <returns>One outcome per action run, in order; fewer than requested when one failed.</returns>
    Task<IReadOnlyList<ActionOutcome>> ExecuteAsync(ExecutionRequest request, IProgress<BuildProgress> progress, CancellationToken cancellationToken);
}
