using VmMiddleware.Factory.Contracts.Security;

namespace VmMiddleware.Factory.Security;

/// <summary>The connection feature the TLS layer sets: the verdict on the client's chain, or null when the client sent none.</summary>
/// <param name="Verdict">The chain validator's verdict, or null without a client certificate.</param>
internal sealed record PeerCertificateFeature(ChainVerdict? Verdict);
