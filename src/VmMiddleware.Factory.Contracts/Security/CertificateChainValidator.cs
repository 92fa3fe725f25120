using System.Globalization;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>
/// Validates a presented chain the way grid services do: RFC 3820 proxies (and legacy Globus proxies) up to the end-entity,
/// then the end-entity's chain up to a CA in the trust directory, with validity periods, signatures, CA flags and the CAs' CRLs.
/// .NET's chain builder cannot be used: on Linux it throws on proxy certificates (OpenSSL's "proxy certificates not allowed").
/// </summary>
/// <param name="trust">The trust directory.</param>
/// <param name="time">The clock.</param>
public sealed class CertificateChainValidator(TrustDirectory trust, TimeProvider time)
{
    private const int MaxDepth = 16;

    /// <summary>Validates <paramref name="presented"/> (leaf first, as sent in TLS; the order of the rest does not matter).</summary>
    /// <param name="presented">The certificates the peer sent.</param>
    /// <param name="allowProxies">Whether proxy certificates may lead to the end-entity (clients: yes; servers: no).</param>
    public ChainVerdict Validate(IReadOnlyList<X509Certificate> presented, bool allowProxies)
    {
        ArgumentNullException.ThrowIfNull(presented);
        if (presented.Count == 0)
        {
            return ChainVerdict.Refuse("no certificate was presented");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var current = presented[0];
        var depth = 0;
        var limited = false;
        int? pathBudget = null;
        while (true)
        {
            var (kind, pathLength) = ProxyCertificates.Classify(current);
            if (kind == ProxyKind.None)
            {
                break;
            }

            var name = GridSubject.OneLine(current.SubjectDN);
            if (!allowProxies)
            {
                return ChainVerdict.Refuse($"'{name}' is a proxy certificate; expected an end-entity certificate");
            }

            if (kind is ProxyKind.Independent or ProxyKind.UnknownPolicy)
            {
                return ChainVerdict.Refuse($"proxy '{name}' has {(kind == ProxyKind.Independent ? "the independent policy, which carries none of its issuer's rights" : "a policy language this service does not know")}");
            }

            if (pathBudget is { } budget && budget < 0)
            {
                return ChainVerdict.Refuse($"proxy '{name}' exceeds the proxy path length its issuer allowed");
            }

            if (Expired(current, now) is { } expired)
            {
                return ChainVerdict.Refuse($"proxy '{name}' {expired}");
            }

            var issuer = presented.Skip(1).FirstOrDefault(c => c.SubjectDN.Equivalent(current.IssuerDN, inOrder: true));
            if (issuer is null)
            {
                return ChainVerdict.Refuse($"broken proxy chain: the issuer '{GridSubject.OneLine(current.IssuerDN)}' of proxy '{name}' was not sent");
            }

            if (!Signed(current, issuer))
            {
                return ChainVerdict.Refuse($"broken proxy chain: proxy '{name}' is not signed by '{GridSubject.OneLine(issuer.SubjectDN)}'");
            }

            if (!GridSubject.ExtendsByOneCommonName(current.SubjectDN, issuer.SubjectDN) || ProxyCertificates.IsCertificateAuthority(issuer) || !ProxyCertificates.MaySign(issuer, false))
            {
                return ChainVerdict.Refuse($"proxy '{name}' is not a valid proxy of '{GridSubject.OneLine(issuer.SubjectDN)}' (RFC 3820: one more CN, issued by an end-entity allowed to sign)");
            }

            // A proxy's path length bounds how many proxies may follow below it; the tightest bound wins.
            pathBudget = pathBudget is { } b ? b - 1 : null;
            if (pathLength is { } own)
            {
                pathBudget = Math.Min(pathBudget ?? int.MaxValue, own);
            }

            limited |= kind == ProxyKind.Limited;
            current = issuer;
            if (++depth > MaxDepth)
            {
                return ChainVerdict.Refuse("the proxy chain is longer than " + MaxDepth.ToString(CultureInfo.InvariantCulture));
            }
        }

        var subject = GridSubject.OneLine(current.SubjectDN);
        if (ProxyCertificates.IsCertificateAuthority(current))
        {
            return ChainVerdict.Refuse($"'{subject}' is a CA certificate; expected an end-entity certificate", subject);
        }

        return ValidateEndEntity(current, presented, now) is { } problem
            ? ChainVerdict.Refuse(problem, subject)
            : new ChainVerdict(true, subject, null, depth, limited);
    }

    /// <summary>Walks from the end-entity to a CA of the trust directory; returns why that fails, or null.</summary>
    private string? ValidateEndEntity(X509Certificate endEntity, IReadOnlyList<X509Certificate> presented, DateTime now)
    {
        var anchors = trust.Authorities;
        var current = endEntity;
        for (var i = 0; i < MaxDepth; i++)
        {
            var name = GridSubject.OneLine(current.SubjectDN);
            if (Expired(current, now) is { } expired)
            {
                return $"certificate '{name}' {expired}";
            }

            if (ProxyCertificates.UnknownCriticalExtensions(current).FirstOrDefault() is { } unknown)
            {
                return $"certificate '{name}' has the unknown critical extension {unknown}";
            }

            var trusted = anchors.FirstOrDefault(a => a.SubjectDN.Equivalent(current.IssuerDN, inOrder: true) && Signed(current, a));
            var issuer = trusted ?? presented.FirstOrDefault(c => c != current && ProxyCertificates.IsCertificateAuthority(c) && c.SubjectDN.Equivalent(current.IssuerDN, inOrder: true) && Signed(current, c));
            if (issuer is null)
            {
                return $"certificate '{name}' was not issued by a CA in the trust directory {trust.Path} (issuer '{GridSubject.OneLine(current.IssuerDN)}')";
            }

            if (!ProxyCertificates.IsCertificateAuthority(issuer) || !ProxyCertificates.MaySign(issuer, true))
            {
                return $"'{GridSubject.OneLine(issuer.SubjectDN)}' is not a CA that may sign certificates";
            }

            if (trust.SigningPolicyOf(issuer)?.Refusal(name) is { } outside)
            {
                return outside;
            }

            if (Revoked(current, issuer, now) is { } revoked)
            {
                return revoked;
            }

            if (trusted is not null && anchors.Contains(trusted))
            {
                return Expired(trusted, now) is { } caExpired ? $"CA '{GridSubject.OneLine(trusted.SubjectDN)}' {caExpired}" : null;
            }

            current = issuer;
        }

        return "the certificate chain is longer than " + MaxDepth.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Checks <paramref name="certificate"/> against its issuer's CRL, when the trust directory has one.</summary>
    private string? Revoked(X509Certificate certificate, X509Certificate issuer, DateTime now)
    {
        foreach (var crl in trust.Crls.Where(c => c.IssuerDN.Equivalent(issuer.SubjectDN, inOrder: true)))
        {
            try
            {
                crl.Verify(issuer.GetPublicKey());
            }
            catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or Org.BouncyCastle.Security.Certificates.CrlException)
            {
                continue; // a CRL not signed by this CA says nothing about its certificates
            }

            if (crl.NextUpdate is { } next && next < now)
            {
                return $"the CRL of CA '{GridSubject.OneLine(issuer.SubjectDN)}' expired at {next:u}; ask the site to refresh its CRLs";
            }

            if (crl.IsRevoked(certificate))
            {
                return $"certificate '{GridSubject.OneLine(certificate.SubjectDN)}' (serial {certificate.SerialNumber.ToString(16)}) is revoked";
            }
        }

        return null;
    }

    private static string? Expired(X509Certificate certificate, DateTime now) =>
        now > certificate.NotAfter ? $"expired at {certificate.NotAfter:u}"
        : now < certificate.NotBefore ? $"is not valid before {certificate.NotBefore:u}"
        : null;

    private static bool Signed(X509Certificate certificate, X509Certificate issuer)
    {
        try
        {
            return certificate.IsSignatureValid(issuer.GetPublicKey());
        }
        catch (Exception e) when (e is Org.BouncyCastle.Security.InvalidKeyException or Org.BouncyCastle.Security.SignatureException or InvalidOperationException or ArgumentException)
        {
            return false;
        }
    }
}
