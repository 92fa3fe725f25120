namespace VmMiddleware.Remote.Gateways;

/// <summary>How to reach and trust a gateway; the CLI fills it once from its options and the environment (libraries read no environment variables).</summary>
public sealed record GatewayOptions
{
    /// <summary>Gets the gateway's address.</summary>
    public required GatewayAddress Address { get; init; }

    /// <summary>Gets the key files given with --identity, tried first.</summary>
    public IReadOnlyList<string> IdentityFiles { get; init; } = [];

    /// <summary>Gets the ssh-agent socket (SSH_AUTH_SOCK), or null for none.</summary>
    public string? AgentSocket { get; init; }

    /// <summary>Gets the user's ~/.ssh directory (default keys id_ed25519, id_ecdsa, id_rsa and known_hosts), or null.</summary>
    public string? SshDirectory { get; init; }

    /// <summary>Gets the known_hosts files to check the host key against; default ~/.ssh/known_hosts when <see cref="SshDirectory"/> is set.</summary>
    public IReadOnlyList<string>? KnownHostsFiles { get; init; }

    /// <summary>Gets a pinned host-key fingerprint (SHA256:...) that replaces known_hosts, or null.</summary>
    public string? HostKeyFingerprint { get; init; }

    /// <summary>Gets the gateway-side root directory (blobs, partial uploads, job directories); relative paths are under the remote user's home. Default .cache/vmmiddleware/gateway.</summary>
    public string RemoteRoot { get; init; } = ".cache/vmmiddleware/gateway";

    /// <summary>Gets the size in bytes the gateway's blob store is trimmed to after each submit (least recently used contents first), or null for the gateway's default (20 GiB).</summary>
    public long? RemoteCacheBytes { get; init; }

    /// <summary>Gets how long to wait for the TCP connection and the SSH handshake; default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Returns the known_hosts files in effect.</summary>
    public IReadOnlyList<string> EffectiveKnownHosts =>
        KnownHostsFiles ?? (SshDirectory is null ? [] : [Path.Combine(SshDirectory, "known_hosts")]);
}
