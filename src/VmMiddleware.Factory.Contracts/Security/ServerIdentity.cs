using System.Net;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>Checks that a server certificate names the host a client connected to (subjectAltName DNS or IP, else the last CN).</summary>
public static class ServerIdentity
{
    /// <summary>Returns whether <paramref name="certificate"/> is a certificate for <paramref name="host"/>.</summary>
    public static bool Matches(X509Certificate certificate, string host)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentException.ThrowIfNullOrEmpty(host);
        var names = certificate.GetSubjectAlternativeNames();
        if (names is { Count: > 0 })
        {
            var isAddress = IPAddress.TryParse(host, out var address);
            foreach (var entry in names)
            {
                var type = (int)entry[0];
                var value = entry[1]?.ToString() ?? string.Empty;
                if (type == GeneralName.DnsName && !isAddress && Matches(value, host))
                {
                    return true;
                }

                if (type == GeneralName.IPAddress && isAddress && IPAddress.TryParse(value, out var named) && named.Equals(address))
                {
                    return true;
                }
            }

            return false;
        }

        var cns = certificate.SubjectDN.GetValueList(X509Name.CN);
        return cns.Count > 0 && Matches(cns[^1], host);
    }

    private static bool Matches(string pattern, string host) =>
        string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase)
        || (pattern.StartsWith("*.", StringComparison.Ordinal) && host.IndexOf('.', StringComparison.Ordinal) is var dot and > 0
            && string.Equals(pattern[1..], host[dot..], StringComparison.OrdinalIgnoreCase));
}
