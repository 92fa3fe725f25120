using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Building;

/// <summary>One action an executor runs, and where the layer holding its result must be written.</summary>
/// <param name="Number">The 1-based position in the run.</param>
/// <param name="SeedName">The action's directory name on the seed volume (NN-kind).</param>
/// <param name="Node">The DAG node.</param>
/// <param name="LayerPath">The qcow2 layer the executor writes: the disk after this action, as differences from <paramref name="BackingFileName"/>.</param>
/// <param name="BackingFileName">The layer's backing file, relative to the layers directory (the start state or the previous action's layer).</param>
/// <param name="DiskSizeBytes">The virtual disk size this action needs (grown by resize actions).</param>
/// <param name="StateFileName">The file name (in the layers directory) the layer gets once committed as a state, or null when unknown.</param>
public sealed record ExecutionAction(int Number, string SeedName, DagNode Node, string LayerPath, string BackingFileName, long DiskSizeBytes, string? StateFileName = null);
