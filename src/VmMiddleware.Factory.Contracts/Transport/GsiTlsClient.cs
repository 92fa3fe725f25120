using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using VmMiddleware.Factory.Contracts.Security;

namespace VmMiddleware.Factory.Contracts.Transport;

/// <summary>The client end of the factory's TLS: offers TLS 1.3 and 1.2, authenticates with a grid credential (proxy chains included), checks the server's chain and name.</summary>
internal sealed class GsiTlsClient : DefaultTlsClient
{
    private readonly BcTlsCrypto _crypto;
    private readonly GridCredential? _credential;
    private readonly Func<IReadOnlyList<Org.BouncyCastle.X509.X509Certificate>, string?> _checkServer;

    /// <summary>Initializes a client; <paramref name="checkServer"/> returns why the server's chain is refused, or null.</summary>
    public GsiTlsClient(BcTlsCrypto crypto, GridCredential? credential, Func<IReadOnlyList<Org.BouncyCastle.X509.X509Certificate>, string?> checkServer)
        : base(crypto)
    {
        _crypto = crypto;
        _credential = credential;
        _checkServer = checkServer;
    }

    /// <summary>Gets why the server was refused, once it was.</summary>
    public string? ServerRefusal { get; private set; }

    /// <inheritdoc/>
    public override TlsAuthentication GetAuthentication() => new Authentication(this);

    /// <inheritdoc/>
    protected override ProtocolVersion[] GetSupportedVersions() => ProtocolVersion.TLSv13.DownTo(ProtocolVersion.TLSv12);

    /// <inheritdoc/>
    protected override IList<ProtocolName> GetProtocolNames() => [ProtocolName.Http_1_1];

    private sealed class Authentication(GsiTlsClient client) : TlsAuthentication
    {
        public void NotifyServerCertificate(TlsServerCertificate serverCertificate)
        {
            var chain = serverCertificate.Certificate.GetCertificateList().Select(c => new Org.BouncyCastle.X509.X509Certificate(c.GetEncoded())).ToList();
            client.ServerRefusal = client._checkServer(chain);
            if (client.ServerRefusal is not null)
            {
                throw new TlsFatalAlert(AlertDescription.bad_certificate, client.ServerRefusal);
            }
        }

        public TlsCredentials? GetClientCredentials(CertificateRequest certificateRequest)
        {
            if (client._credential is not { } credential)
            {
                return null;
            }

            var context = client.m_context;
            var tls13 = TlsUtilities.IsTlsV13(context);
            var scheme = SignatureSchemes.Choose(certificateRequest.SupportedSignatureAlgorithms, credential.PrivateKey, tls13);
            var certificates = credential.Chain.Select(c => client._crypto.CreateCertificate(c.GetEncoded())).ToArray();
            var certificate = tls13
                ? new Certificate(certificateRequest.GetCertificateRequestContext(), [.. certificates.Select(c => new CertificateEntry(c, null))])
                : new Certificate(certificates);
            return new BcDefaultTlsCredentialedSigner(new TlsCryptoParameters(context), client._crypto, credential.PrivateKey, certificate, scheme);
        }
    }
}
