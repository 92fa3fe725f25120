using System.Net.Sockets;
using System.Security.Authentication;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using VmMiddleware.Factory.Contracts.Security;

namespace VmMiddleware.Factory.Contracts.Transport;

/// <summary>
/// An HTTP handler for https URLs whose TLS can carry grid proxy chains: it hands plain-HTTP requests to a SocketsHttpHandler whose
/// connections are TLS streams made here (BouncyCastle), authenticated with a grid credential and checked against a trust directory.
/// Use it with HttpClient, or with WCF through <see cref="GsiEndpointBehavior"/>.
/// </summary>
public sealed class GsiHttpHandler : DelegatingHandler
{
    private static readonly BcTlsCrypto Crypto = new(new SecureRandom());

    /// <summary>Initializes a handler that authenticates with <paramref name="credential"/> (or anonymously) and trusts the CAs of <paramref name="trust"/>.</summary>
    /// <param name="credential">The client credential, or null for none.</param>
    /// <param name="trust">The trust directory the server's certificate must chain to.</param>
    /// <param name="time">The clock for certificate validity (default: system).</param>
    public GsiHttpHandler(GridCredential? credential, TrustDirectory trust, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(trust);
        var validator = new CertificateChainValidator(trust, time ?? TimeProvider.System);
        InnerHandler = new SocketsHttpHandler
        {
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var host = context.DnsEndPoint.Host;
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                var client = new GsiTlsClient(Crypto, credential, chain =>
                {
                    var verdict = validator.Validate(chain, allowProxies: false);
                    return !verdict.Valid ? "the server's certificate is not trusted: " + verdict.Reason
                        : !ServerIdentity.Matches(chain[0], host) ? $"the server's certificate '{verdict.Subject}' is not for host '{host}'"
                        : null;
                });
                var protocol = new TlsClientProtocol();
                protocol.Connect(client);
                var tls = new TlsStream(new NetworkStream(socket, ownsSocket: true), protocol);
                try
                {
                    await tls.HandshakeAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    await tls.DisposeAsync().ConfigureAwait(false);
                    // A server this client refused to trust is an authentication failure (another attempt will not cure it), not a dropped connection.
                    throw client.ServerRefusal is { } refusal
                        ? new HttpRequestException(refusal, new AuthenticationException(refusal, e))
                        : new HttpRequestException(e.Message, e);
                }

                return tls;
            },
        };
    }

    /// <inheritdoc/>
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri is { Scheme: "https" } uri)
        {
            // The TLS is done in ConnectCallback, so the inner handler must see a plain-HTTP URL (same host and port).
            request.RequestUri = new UriBuilder(uri) { Scheme = "http", Port = uri.Port }.Uri;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
