namespace VmMiddleware.Remote.Catalogue;

/// <summary>How a submission authenticated to its gateway and checked its host key, kept so later commands connect the same way (no secrets: paths and a fingerprint).</summary>
/// <param name="IdentityFiles">The --identity key files.</param>
/// <param name="KnownHostsFiles">The known_hosts files, or null for ~/.ssh/known_hosts.</param>
/// <param name="HostKeyFingerprint">The pinned SHA256: fingerprint, or null.</param>
public sealed record GatewayTrust(IReadOnlyList<string> IdentityFiles, IReadOnlyList<string>? KnownHostsFiles, string? HostKeyFingerprint);
