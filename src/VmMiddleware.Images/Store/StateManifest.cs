namespace VmMiddleware.Images.Store;

/// <summary>The immutable record of one committed state; writing it is the commit point (last-used time and pin live beside it).</summary>
/// <param name="Id">The state id.</param>
/// <param name="NodeHashes">The node hashes done in the state, sorted.</param>
/// <param name="ParentId">The state whose layer backs this one, or null for a base.</param>
/// <param name="Action">The id (in the DAG that built it) and kind of the last action, for people reading listings.</param>
/// <param name="LayerBytes">The layer file's size in bytes when committed.</param>
/// <param name="VirtualSizeBytes">The disk's virtual size in bytes.</param>
/// <param name="CreatedUtc">When the state was committed.</param>
/// <param name="BuildLog">The build log's path relative to the store, or null.</param>
/// <param name="Provides">The attributes the image provides (ClassAd literals), inherited along the chain.</param>
/// <param name="Kernel">The kernel that boots the image (an absolute path), inherited from the base, or null.</param>
public sealed record StateManifest(
    string Id,
    IReadOnlyList<string> NodeHashes,
    string? ParentId,
    string Action,
    long LayerBytes,
    long VirtualSizeBytes,
    DateTimeOffset CreatedUtc,
    string? BuildLog,
    IReadOnlyDictionary<string, string> Provides,
    string? Kernel);
