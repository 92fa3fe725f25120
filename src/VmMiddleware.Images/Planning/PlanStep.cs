using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Planning;

/// <summary>One action still to run and the state it leads to.</summary>
/// <param name="Node">The node to run.</param>
/// <param name="NodeHash">The node's content hash.</param>
/// <param name="StateId">The id of the state after this step.</param>
/// <param name="NodeHashes">The node hashes done after this step.</param>
public sealed record PlanStep(DagNode Node, string NodeHash, string StateId, IReadOnlySet<string> NodeHashes);
