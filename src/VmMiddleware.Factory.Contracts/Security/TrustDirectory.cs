using System.Text.RegularExpressions;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>
/// A grid trust directory (<c>/etc/grid-security/certificates</c> layout): CA certificates as <c>HASH.N</c>, their CRLs as
/// <c>HASH.rN</c> (PEM or DER) and their signing policies as <c>HASH.signing_policy</c>, reread when the directory changes (fetch-crl
/// replaces files by renaming them).
/// </summary>
public sealed partial class TrustDirectory
{
    private readonly object _gate = new();
    private DateTime _loadedStamp = DateTime.MinValue;
    private IReadOnlyList<X509Certificate> _authorities = [];
    private IReadOnlyList<X509Crl> _crls = [];
    private IReadOnlyDictionary<string, SigningPolicy> _policies = new Dictionary<string, SigningPolicy>(StringComparer.Ordinal);

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
            var policies = new Dictionary<string, SigningPolicy>(StringComparer.Ordinal);
            var unreadablePolicies = new Dictionary<string, string>(StringComparer.Ordinal);
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
                        else if (PolicyName().IsMatch(name))
                        {
                            ReadPolicy(file, policies, unreadablePolicies);
                        }
                    }
                    catch (Exception e) when (e is IOException or UnauthorizedAccessException or Org.BouncyCastle.Security.Certificates.CertificateException or Org.BouncyCastle.Security.Certificates.CrlException)
                    {
                        // An unreadable or corrupt file trusts nothing; the others still count.
                    }
                }
            }

            // A policy file that cannot be read binds the CAs of its hash (HASH.N) to sign nothing rather than everything.
            foreach (var (hash, error) in unreadablePolicies)
            {
                foreach (var ca in authorities.Where(a => SubjectHashOf(a, hash)))
                {
                    var subject = GridSubject.OneLine(ca.SubjectDN);
                    policies[subject] = new SigningPolicy(subject, [], hash + ".signing_policy", error);
                }
            }

            _authorities = authorities;
            _crls = crls;
            _policies = policies;
            _loadedStamp = stamp;
        }
    }

    /// <summary>Returns the signing policy of the CA <paramref name="authority"/>, or null when the directory has none for it (it may then sign any subject).</summary>
    internal SigningPolicy? SigningPolicyOf(X509Certificate authority)
    {
        Refresh();
        return _policies.GetValueOrDefault(GridSubject.OneLine(authority.SubjectDN));
    }

    private static void ReadPolicy(string file, Dictionary<string, SigningPolicy> policies, Dictionary<string, string> unreadable)
    {
        var name = System.IO.Path.GetFileName(file);
        try
        {
            foreach (var policy in SigningPolicyReader.Read(File.ReadAllText(file), name))
            {
                policies[policy.CaSubject] = policies.TryGetValue(policy.CaSubject, out var earlier)
                    ? earlier with { Subjects = [.. earlier.Subjects, .. policy.Subjects] }
                    : policy;
            }
        }
        catch (FormatException e)
        {
            unreadable[name[..8]] = e.Message;
        }
    }

    // The trust directory names CA files by hash; the CAs of HASH.N are the ones an unreadable HASH.signing_policy was meant for.
    private bool SubjectHashOf(X509Certificate authority, string hash) =>
        Directory.EnumerateFiles(Path, hash + ".*").Where(f => CertificateName().IsMatch(System.IO.Path.GetFileName(f)))
            .Any(f => new X509CertificateParser().ReadCertificates(File.ReadAllBytes(f)).Contains(authority));

    [GeneratedRegex(@"^[0-9a-f]{8}\.signing_policy$")]
    private static partial Regex PolicyName();

    [GeneratedRegex(@"^[0-9a-f]{8}\.[0-9]$")]
    private static partial Regex CertificateName();

    [GeneratedRegex(@"^[0-9a-f]{8}\.r[0-9]$")]
    private static partial Regex CrlName();
}
