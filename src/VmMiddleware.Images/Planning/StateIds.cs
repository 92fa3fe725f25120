using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Planning;

/// <summary>Names built states: a state is the set of nodes done, so its id is a hash of the sorted node hashes.</summary>
public static class StateIds
{
    /// <summary>Returns the 64-hex-digit id of the state made of <paramref name="nodeHashes"/> (order does not matter).</summary>
    public static string Of(IEnumerable<string> nodeHashes)
    {
        using var encoder = new CanonicalEncoder("vmconfig-state/1");
        foreach (var hash in nodeHashes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            encoder.Field("node", hash);
        }

        return encoder.ToHex();
    }
}
