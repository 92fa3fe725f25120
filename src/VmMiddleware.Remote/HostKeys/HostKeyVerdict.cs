namespace VmMiddleware.Remote.HostKeys;

/// <summary>What the host-key check decided about the key a gateway presented.</summary>
public enum HostKeyVerdict
{
    /// <summary>The key is the one known_hosts (or --host-key) names for the host.</summary>
    Trusted,

    /// <summary>Nothing is known about the host's key: refused, never accepted silently.</summary>
    Unknown,

    /// <summary>known_hosts names another key of this type for the host, or --host-key another fingerprint.</summary>
    Changed,

    /// <summary>known_hosts marks the key @revoked.</summary>
    Revoked,
}
