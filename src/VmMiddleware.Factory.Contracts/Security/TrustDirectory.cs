using System.Text.RegularExpressions;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>
/// A grid trust directory (<c>/etc/grid-security/certificates</c> layout): CA certificates as <c>HASH.N</c> and their CRLs as
/// <c>HASH.rN</c> (PEM or DER), reread when the directory changes (fetch-crl replaces files by renaming them).
/// </summary>
public sealed partial class TrustDirectory
{
    private readonly object _gate = new();
    private DateTime _loadedStamp = DateTime.MinValue;
    private IReadOnlyList<X509Certificate> _authorities = [];
    private IReadOnlyList<X509Crl> _crls = [];

    /// <summary>Initializes a trust directory at <paramref name="path"/>; nothing is read until first use.</summary>
    public TrustDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>Gets the directory.</summary>
    public string Path { get; }

    /// <summary>Gets the CA certificates, every one a trust anchor.</summary>
    public IReadOnlyList<X509Certificate> Authorities
    {
        get
        {
            Refresh();
            return _authorities;
        }
    }

    /// <summary>Gets the CRLs.</summary>
    public IReadOnlyList<X509Crl> Crls
    {
        get
        {
            Refresh();
            return _crls;
        }
    }

    /// <summary>Rereads the directory when its modification time changed since the last read.</summary>
    public void Refresh()
    {
        var stamp = Directory.Exists(Path) ? Directory.GetLastWriteTimeUtc(Path) : DateTime.MinValue;
        lock (_gate)
        {
            if (stamp == _loadedStamp && _loadedStamp != DateTime.MinValue)
            {
                return;
            }

            var authorities = new List<X509Certificate>();
            var crls = new List<X509Crl>();
            if (Directory.Exists(Path))
            {
                foreach (var file in Directory.EnumerateFiles(Path).Order(StringComparer.Ordinal))
                {
                    var name = System.IO.Path.GetFileName(file);
                    try
                    {
                        if (CertificateName().IsMatch(name))
                        {
                            authorities.AddRange(new X509CertificateParser().ReadCertificates(File.ReadAllBytes(file)));
                        }
                        else if (CrlName().IsMatch(name))
                        {
                            crls.AddRange(new X509CrlParser().ReadCrls(File.ReadAllBytes(file)));
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Security.Certificates.CrlException)
                    {
                        // An unreadable or corrupt file trusts nothing; the others still count.
                    }
                }
            }

            _authorities = authorities;
            _crls = crls;
            _loadedStamp = stamp;
        }
    }

    [GeneratedRegex(@"^[0-9a-f]{8}\.[0-9]$")]
    private static partial Regex CertificateName();

    [GeneratedRegex(@"^[0-9a-f]{8}\.r[0-9]$")]
    private static partial Regex CrlName();
}
