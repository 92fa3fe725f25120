namespace VmMiddleware.Images.Building;

/// <summary>What a build produced: the image id (its state), how much came from the cache, and how long it took.</summary>
/// <param name="ImageId">The id of the state holding the whole request.</param>
/// <param name="LayerPath">That state's qcow2 layer (its chain backs it).</param>
/// <param name="ReusedNodes">The request's nodes served from the cache (base included).</param>
/// <param name="BuiltNodes">The nodes built now (base included when it had to be made).</param>
/// <param name="StatesBuilt">The ids of the states committed by this build, in order.</param>
/// <param name="Duration">The wall time of the whole request.</param>
/// <param name="Provides">The attributes the image provides (ClassAd literals).</param>
public sealed record BuildResult(string ImageId, string LayerPath, int ReusedNodes, int BuiltNodes, IReadOnlyList<string> StatesBuilt, TimeSpan Duration, IReadOnlyDictionary<string, string> Provides)
{
    /// <summary>Gets whether the whole request came from the cache.</summary>
    public bool ExactHit => BuiltNodes == 0;
}
