using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Http.Features;

namespace VmMiddleware.Factory.Security;

/// <summary>Tells ASP.NET Core the connection is TLS (so requests are https) and which certificate the client presented.</summary>
/// <param name="clientCertificate">The client's leaf certificate, or null.</param>
internal sealed class TlsConnectionFeature(X509Certificate2? clientCertificate) : ITlsConnectionFeature
{
    public X509Certificate2? ClientCertificate { get; set; } = clientCertificate;

    public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult(ClientCertificate);
}
