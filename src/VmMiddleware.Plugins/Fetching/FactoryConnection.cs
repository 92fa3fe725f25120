using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;
using VmMiddleware.Plugins.Configuration;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>Makes the HTTPS client the plugin talks to the factory service with: the factory's TLS (grid proxies allowed), the configured credential and trust directory.</summary>
public static class FactoryConnection
{
    /// <summary>Returns a client for <paramref name="options"/>.</summary>
    /// <exception cref="FetchException">The credential or the trust directory cannot be loaded (an Authorization error, not retryable).</exception>
    public static HttpClient Create(PluginOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Credential is null)
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Authorization, TransferErrorCodes.NoCredential,
                "the vmimage plugin has no credential: set credential = FILE in its configuration (a grid proxy or a certificate with its key)", -1)
            { FailureType = "Authentication", ShouldRefresh = true });
        }

        try
        {
            var credential = GridCredential.Load(options.Credential, options.PrivateKey);
            if (!Directory.Exists(options.TrustDirectory))
            {
                throw new InvalidDataException($"the trust directory {options.TrustDirectory} does not exist");
            }

            var handler = new GsiHttpHandler(credential, new TrustDirectory(options.TrustDirectory), options.Time);
            return new HttpClient(handler) { Timeout = options.ConnectTimeout };
        }
        catch (InvalidDataException e)
        {
            throw new FetchException(new TransferErrorData(TransferErrorTypes.Authorization, TransferErrorCodes.NoCredential, "the vmimage plugin's credential: " + e.Message, -1)
            { FailureType = "Authentication", ShouldRefresh = true }, e);
        }
    }
}
