using System.Globalization;
using System.Runtime.InteropServices;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Factory.Contracts.Client;
using VmMiddleware.Factory.Contracts.Transport;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Cli.Verbs;

/// <summary>The CLI edge of the factory clients: maps the command line and <see cref="VmgridSettings"/> to <see cref="FactoryCredentialOptions"/>, and the library's failures to one-line user errors.</summary>
internal static partial class FactoryClients
{
    /// <summary>Returns where to look for the credential: the explicit options, then the settings' $X509_* values, the default proxy and ~/.globus.</summary>
    public static FactoryCredentialOptions Credentials(string? proxyFile, string? certificate, string? keyFile, string? trust, VmgridSettings settings) => new()
    {
        ProxyFile = proxyFile, Certificate = certificate, KeyFile = keyFile, TrustDirectory = trust,
        UserProxy = settings.Grid.UserProxy, UserCertificate = settings.Grid.UserCertificate, UserKey = settings.Grid.UserKey,
        CertificateDirectory = settings.Grid.CertificateDirectory, DefaultProxy = "/tmp/x509up_u" + GetUid().ToString(CultureInfo.InvariantCulture), Home = settings.Home,
    };

    /// <summary>Returns the factory's TLS handler for those options.</summary>
    /// <exception cref="UserErrorException">There is no usable credential.</exception>
    public static GsiHttpHandler Handler(FactoryCredentialOptions options)
    {
        try
        {
            return FactoryCredentials.Handler(options);
        }
        catch (FactoryClientException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    /// <summary>Returns a content-lookup client for <paramref name="factory"/> (https://HOST:PORT) with the default grid credential and trust directory.</summary>
    /// <exception cref="UserErrorException">The URL is not https://HOST[:PORT], or there is no usable credential.</exception>
    public static FactoryContentClient Content(string factory, VmgridSettings settings)
    {
        if (!Uri.TryCreate(factory, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps || url.AbsolutePath.Trim('/').Length > 0)
        {
            throw new UserErrorException($"--factory '{factory}' is not a factory URL; expected https://HOST:PORT");
        }

        return new FactoryContentClient(new HttpClient(Handler(Credentials(null, null, null, null, settings))) { Timeout = TimeSpan.FromMinutes(2) }, url);
    }

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}
