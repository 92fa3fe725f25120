using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;

namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>Finds the grid credential and trust directory a factory client talks with, as <see cref="FactoryCredentialOptions"/> say, and makes the factory's TLS handler.</summary>
public static class FactoryCredentials
{
    /// <summary>The trust directory used when neither an explicit one nor $X509_CERT_DIR is given.</summary>
    public const string DefaultTrustDirectory = "/etc/grid-security/certificates";

    /// <summary>Returns the factory's TLS handler for the credential and trust directory chosen as <see cref="Credential"/> and <see cref="TrustPath"/> say.</summary>
    /// <exception cref="FactoryClientException">No usable credential.</exception>
    public static GsiHttpHandler Handler(FactoryCredentialOptions options) =>
        new(Credential(options), new TrustDirectory(TrustPath(options)));

    /// <summary>Returns the credential: the proxy file, else the certificate and key, else $X509_USER_PROXY, the default proxy, $X509_USER_CERT/$X509_USER_KEY, ~/.globus/usercert.pem.</summary>
    /// <exception cref="FactoryClientException">The chosen file is not a credential, or there is none.</exception>
    public static GridCredential Credential(FactoryCredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var candidates = new List<(string Cert, string? Key, string From)>();
        if (options.ProxyFile is { } proxy)
        {
            candidates.Add((proxy, null, "--proxy"));
        }
        else if (options.Certificate is { } cert)
        {
            candidates.Add((cert, options.KeyFile ?? cert, "--cert"));
        }
        else
        {
            if (options.UserProxy is { } fromVariable)
            {
                candidates.Add((fromVariable, null, "$X509_USER_PROXY"));
            }

            if (options.DefaultProxy is { } defaultProxy)
            {
                candidates.Add((defaultProxy, null, "the default proxy"));
            }

            if (options.UserCertificate is { } userCert)
            {
                candidates.Add((userCert, options.UserKey ?? userCert, "$X509_USER_CERT"));
            }

            var home = options.Home ?? string.Empty;
            candidates.Add((Path.Combine(home, ".globus", "usercert.pem"), Path.Combine(home, ".globus", "userkey.pem"), "~/.globus"));
        }

        var explicitChoice = options.ProxyFile is not null || options.Certificate is not null;
        foreach (var (cert, key, from) in candidates)
        {
            if (!explicitChoice && !File.Exists(cert))
            {
                continue;
            }

            try
            {
                return GridCredential.Load(cert, key);
            }
            catch (InvalidDataException e)
            {
                throw new FactoryClientException($"{from}: {e.Message}", e);
            }
        }

        throw new FactoryClientException("no grid credential: run grid-proxy-init, or give --proxy FILE or --cert FILE --key FILE");
    }

    /// <summary>Returns the trust directory: the explicit one, else $X509_CERT_DIR, else <see cref="DefaultTrustDirectory"/>.</summary>
    public static string TrustPath(FactoryCredentialOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.TrustDirectory ?? options.CertificateDirectory ?? DefaultTrustDirectory;
    }
}
