using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>Recognises proxy certificates: RFC 3820's proxyCertInfo extension, its pre-RFC GSI 3 form, and legacy Globus proxies.</summary>
public static class ProxyCertificates
{
    /// <summary>RFC 3820's proxyCertInfo extension.</summary>
    public const string RfcProxyCertInfo = "1.3.6.1.5.5.7.1.14";

    /// <summary>The pre-RFC (GSI 3) proxyCertInfo extension.</summary>
    public const string DraftProxyCertInfo = "1.3.6.1.4.1.3536.1.222";

    private const string InheritAllPolicy = "1.3.6.1.5.5.7.21.1";
    private const string IndependentPolicy = "1.3.6.1.5.5.7.21.2";
    private const string GlobusLimitedPolicy = "1.3.6.1.4.1.3536.1.1.1.9";

    /// <summary>Returns what kind of proxy <paramref name="certificate"/> is, and its path length constraint (null when none).</summary>
    public static (ProxyKind Kind, int? PathLength) Classify(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var extension = certificate.GetExtensionValue(new DerObjectIdentifier(RfcProxyCertInfo))
            ?? certificate.GetExtensionValue(new DerObjectIdentifier(DraftProxyCertInfo));
        if (extension is not null)
        {
            return Parse(Asn1Object.FromByteArray(extension.GetOctets()));
        }

        // Legacy Globus proxies: the issuer's subject plus "CN=proxy" or "CN=limited proxy", no extension.
        var subject = certificate.SubjectDN;
        if (GridSubject.ExtendsByOneCommonName(subject, certificate.IssuerDN))
        {
            var cn = subject.GetValueList()[^1];
            return cn switch
            {
                "proxy" => (ProxyKind.Legacy, null),
                "limited proxy" => (ProxyKind.Limited, null),
                _ => (ProxyKind.None, null),
            };
        }

        return (ProxyKind.None, null);
    }

    /// <summary>Parses ProxyCertInfo: RFC 3820 is SEQUENCE { pathLen INTEGER OPTIONAL, SEQUENCE { language OID, policy OCTET STRING OPTIONAL } }; GSI 3 puts the policy first and the path length after it, tagged [1].</summary>
    private static (ProxyKind, int?) Parse(Asn1Object info)
    {
        int? pathLength = null;
        DerObjectIdentifier? language = null;
        foreach (var element in Asn1Sequence.GetInstance(info))
        {
            switch (element)
            {
                case DerInteger integer:
                    pathLength = integer.IntValueExact;
                    break;
                case Asn1TaggedObject tagged:
                    pathLength = DerInteger.GetInstance(tagged, true).IntValueExact;
                    break;
                case Asn1Sequence policy when policy.Count > 0:
                    language = DerObjectIdentifier.GetInstance(policy[0]);
                    break;
                default:
                    break;
            }
        }

        var kind = language?.Id switch
        {
            InheritAllPolicy => ProxyKind.InheritAll,
            GlobusLimitedPolicy => ProxyKind.Limited,
            IndependentPolicy => ProxyKind.Independent,
            _ => ProxyKind.UnknownPolicy,
        };
        return (kind, pathLength);
    }

    /// <summary>Returns whether <paramref name="certificate"/> is a CA (basicConstraints cA true).</summary>
    public static bool IsCertificateAuthority(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetBasicConstraints() >= 0;
    }

    /// <summary>Returns whether <paramref name="certificate"/> may sign others' certificates or proxies (no key usage, or digitalSignature/keyCertSign).</summary>
    public static bool MaySign(X509Certificate certificate, bool asCertificateAuthority)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var usage = certificate.GetKeyUsage();
        return usage is null || (asCertificateAuthority ? usage[5] : usage[0]);
    }

    /// <summary>Gets the names of <paramref name="certificate"/>'s critical extensions this service does not understand.</summary>
    public static IEnumerable<string> UnknownCriticalExtensions(X509Certificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var known = new HashSet<string>(StringComparer.Ordinal)
        {
            X509Extensions.BasicConstraints.Id, X509Extensions.KeyUsage.Id, X509Extensions.ExtendedKeyUsage.Id,
            X509Extensions.SubjectAlternativeName.Id, X509Extensions.CertificatePolicies.Id, X509Extensions.NameConstraints.Id,
            RfcProxyCertInfo, DraftProxyCertInfo,
        };
        return certificate.GetCriticalExtensionOids().Where(oid => !known.Contains(oid));
    }
}
