using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Tls;
using Org.BouncyCastle.Tls.Crypto.Impl.BC;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;

namespace VmMiddleware.Factory.Security;

/// <summary>Kestrel connection middleware that runs the factory's TLS (BouncyCastle, so RFC 3820 proxy chains arrive whole) and records the verdict on the client's chain.</summary>
/// <param name="host">The service's credential.</param>
/// <param name="validator">Validates client chains against the trust directory.</param>
/// <param name="logger">Logs failed handshakes.</param>
internal sealed partial class TlsConnectionMiddleware(GridCredential host, CertificateChainValidator validator, ILogger<TlsConnectionMiddleware> logger)
{
    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(15);
    private readonly BcTlsCrypto _crypto = new(new SecureRandom());

    /// <summary>Wraps <paramref name="next"/> so it sees the decrypted connection.</summary>
    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var server = new GsiTlsServer(_crypto, host);
        var protocol = new TlsServerProtocol();
        protocol.Accept(server);
        var tls = new TlsStream(new DuplexPipeStream(connection.Transport), protocol);
        using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionClosed))
        {
            timeout.CancelAfter(HandshakeTimeout);
            try
            {
                await tls.HandshakeAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or OperationCanceledException or TlsException)
            {
                HandshakeFailed(logger, connection.RemoteEndPoint, e.Message);
                await tls.DisposeAsync().ConfigureAwait(false);
                return;
            }
        }

        var chain = server.ClientChain;
        var verdict = chain.Count == 0 ? null : validator.Validate(chain, allowProxies: true);
        connection.Features.Set(new PeerCertificateFeature(verdict));
        connection.Features.Set<ITlsConnectionFeature>(new TlsConnectionFeature(chain.Count == 0 ? null : X509CertificateLoader.LoadCertificate(chain[0].GetEncoded())));
        var original = connection.Transport;
        connection.Transport = new Pipe(PipeReader.Create(tls), PipeWriter.Create(tls));
        try
        {
            await next(connection).ConfigureAwait(false);
        }
        finally
        {
            connection.Transport = original;
            await tls.DisposeAsync().ConfigureAwait(false);
        }
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS handshake with {Peer} failed: {Reason}")]
    private static partial void HandshakeFailed(ILogger logger, System.Net.EndPoint? peer, string reason);

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input => input;

        public PipeWriter Output => output;
    }
}
