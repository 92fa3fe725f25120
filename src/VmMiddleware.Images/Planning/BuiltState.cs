namespace VmMiddleware.Images.Planning;

/// <summary>A state the store holds: its id and the set of node hashes done in it.</summary>
/// <param name="Id">The state id (<see cref="StateIds.Of"/> of the node hashes).</param>
/// <param name="NodeHashes">The node hashes done in this state, base included.</param>
public sealed record BuiltState(string Id, IReadOnlySet<string> NodeHashes);
