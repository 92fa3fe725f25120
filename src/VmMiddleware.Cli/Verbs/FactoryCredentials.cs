using System.Globalization;
using System.Runtime.InteropServices;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Contracts.Transport;

namespace VmMiddleware.Cli.Verbs;

/// <summary>The grid credential and trust directory vmgrid talks to a factory service with (<c>build --factory</c>, and <c>translate</c>/<c>submit</c> with <c>--factory</c>).</summary>
internal static partial class FactoryCredentials
{
    /// <summary>Returns the factory's TLS handler for the credential and trust directory chosen as <see cref="Credential"/> and <see cref="TrustPath"/> say.</summary>
    public static GsiHttpHandler Handler(string? proxyFile, string? certificate, string? keyFile, string? trust, VmgridSettings settings) =>
        new(Credential(proxyFile, certificate, keyFile, settings), new TrustDirectory(TrustPath(trust, settings)));

    /// <summary>The credential: --proxy, --cert/--key, $X509_USER_PROXY, /tmp/x509up_uUID, $X509_USER_CERT/$X509_USER_KEY, ~/.globus/usercert.pem.</summary>
    public static GridCredential Credential(string? proxyFile, string? certificate, string? keyFile, VmgridSettings settings)
    {
        var home = settings.Home ?? string.Empty;
        var candidates = new List<(string Cert, string? Key, string From)>();
        if (proxyFile is { } proxy)
        {
            candidates.Add((proxy, null, "--proxy"));
        }
        else if (certificate is { } cert)
        {
            candidates.Add((cert, keyFile ?? cert, "--cert"));
        }
        else
        {
            if (settings.Grid.UserProxy is { } fromVariable)
            {
                candidates.Add((fromVariable, null, "$X509_USER_PROXY"));
            }

            candidates.Add(("/tmp/x509up_u" + GetUid().ToString(CultureInfo.InvariantCulture), null, "the default proxy"));
            if (settings.Grid.UserCertificate is { } userCert)
            {
                candidates.Add((userCert, settings.Grid.UserKey ?? userCert, "$X509_USER_CERT"));
            }

            candidates.Add((Path.Combine(home, ".globus", "usercert.pem"), Path.Combine(home, ".globus", "userkey.pem"), "~/.globus"));
        }

        var explicitChoice = proxyFile is not null || certificate is not null;
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
                throw new UserErrorException($"{from}: {e.Message}", e);
            }
        }

        throw new UserErrorException("no grid credential: run grid-proxy-init, or give --proxy FILE or --cert FILE --key FILE");
    }

    /// <summary>The trust directory: --trust, $X509_CERT_DIR, /etc/grid-security/certificates.</summary>
    public static string TrustPath(string? trust, VmgridSettings settings) =>
        trust ?? settings.Grid.CertificateDirectory ?? "/etc/grid-security/certificates";

    [LibraryImport("libc", EntryPoint = "getuid")]
    private static partial uint GetUid();
}
