using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;

namespace VmMiddleware.Factory.Security;

/// <summary>The server end of the factory's TLS (1.3 and 1.2): presents the host credential, asks for a client certificate and takes the whole chain the client sends, proxies included.</summary>
internal sealed class GsiTlsServer : DefaultTlsServer
{
    private readonly BcTlsCrypto _crypto;
    private readonly GridCredential _host;

    public GsiTlsServer(BcTlsCrypto crypto, GridCredential host)
        : base(crypto)
    {
        _crypto = crypto;
        _host = host;
    }

    /// <summary>Gets the client's chain, leaf first (empty when it sent none).</summary>
    public IReadOnlyList<Org.BouncyCastle.X509.X509Certificate> ClientChain { get; private set; } = [];

    /// <inheritdoc/>
    public override TlsCredentials GetCredentials() => GetRsaSignerCredentials();

    /// <inheritdoc/>
    public override CertificateRequest GetCertificateRequest()
    {
        var algorithms = TlsUtilities.GetDefaultSupportedSignatureAlgorithms(m_context);
        return TlsUtilities.IsTlsV13(m_context)
            ? new CertificateRequest(TlsUtilities.EmptyBytes, algorithms, null, null)
            : new CertificateRequest([ClientCertificateType.rsa_sign, ClientCertificateType.ecdsa_sign], algorithms, null);
    }

    /// <inheritdoc/>
    public override void NotifyClientCertificate(Certificate clientCertificate)
    {
        ArgumentNullException.ThrowIfNull(clientCertificate);
        ClientChain = [.. clientCertificate.GetCertificateList().Select(c => new Org.BouncyCastle.X509.X509Certificate(c.GetEncoded()))];
    }

    /// <inheritdoc/>
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);

    /// <inheritdoc/>
    protected override ProtocolName[] GetProtocolNames() => [ProtocolName.Http_1_1];

    /// <inheritdoc/>
    protected override TlsCredentialedSigner GetRsaSignerCredentials() => Signer();

    /// <inheritdoc/>
    protected override TlsCredentialedSigner GetECDsaSignerCredentials() => Signer();

    private BcDefaultTlsCredentialedSigner Signer()
    {
        var tls13 = TlsUtilities.IsTlsV13(m_context);
        var offered = m_context.SecurityParameters.ClientSigAlgs;
        var scheme = SignatureSchemes.Choose(offered, _host.PrivateKey, tls13)
            ?? throw new TlsFatalAlert(AlertDescription.handshake_failure, "the client offers no signature scheme for the host key");
        var certificates = _host.Chain.Select(c => _crypto.CreateCertificate(c.GetEncoded())).ToArray();
        var certificate = tls13 ? new Certificate(TlsUtilities.EmptyBytes, [.. certificates.Select(c => new CertificateEntry(c, null))]) : new Certificate(certificates);
        return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(m_context), _crypto, (AsymmetricKeyParameter)_host.PrivateKey, certificate, scheme);
    }
}
