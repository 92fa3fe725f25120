using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Security;
using VmMiddleware.Factory.Security;

namespace VmMiddleware.Factory.Hosting;

/// <summary>What <c>--check-config</c> checks beyond the file's syntax: the host credential loads, the trust directory holds CAs, the grid-mapfile parses, the data directory is writable.</summary>
public static class ConfigurationCheck
{
    /// <summary>Checks <paramref name="settings"/>; returns a one-line summary.</summary>
    /// <exception cref="SettingsFormatException">Something is wrong; the message names the file (and line) and what.</exception>
    public static string Run(ServiceSettings settings, string source)
    {
        ArgumentNullException.ThrowIfNull(settings);
        GridCredential host;
        try
        {
            host = GridCredential.Load(settings.Certificate, settings.PrivateKey);
        }
        catch (InvalidDataException e)
        {
            throw new SettingsFormatException(source + ": certificate/private-key: " + e.Message, e);
        }

        var trust = new TrustDirectory(settings.TrustDirectory);
        if (!Directory.Exists(trust.Path))
        {
            throw new SettingsFormatException($"{source}: trust-directory: {trust.Path} does not exist; expected the CA certificates as HASH.0 files");
        }

        if (trust.Authorities.Count == 0)
        {
            throw new SettingsFormatException($"{source}: trust-directory: {trust.Path} holds no CA certificate (HASH.0 files)");
        }

        var verdict = new CertificateChainValidator(trust, TimeProvider.System).Validate(host.Chain, allowProxies: false);
        if (!verdict.Valid)
        {
            throw new SettingsFormatException($"{source}: certificate: {settings.Certificate}: {verdict.Reason}");
        }

        var mapfile = GridMapfile.Read(settings.GridMapfile);
        try
        {
            Directory.CreateDirectory(settings.DataDirectory);
            var probe = Path.Combine(settings.DataDirectory, ".vmgrid-serve-check");
            File.WriteAllText(probe, "ok");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SettingsFormatException($"{source}: data-directory: {settings.DataDirectory} is not writable: {e.Message}", e);
        }

        var guest = File.Exists(Path.Combine(settings.EffectiveGuestDirectory, "vmlinux"))
            ? "guest " + settings.EffectiveGuestDirectory
            : $"no reference guest in {settings.EffectiveGuestDirectory} (only cached images can be served until guest-directory is set)";
        return $"{source}: OK: listen {settings.ListenAddress}:{settings.Port}, host '{verdict.Subject}', {trust.Authorities.Count} CA(s), {trust.Crls.Count} CRL(s), {mapfile.Count} mapped subject(s), store {settings.EffectiveStoreDirectory}, {guest}";
    }
}
