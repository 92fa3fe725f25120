using Org.BouncyCastle.Asn1.X509;

namespace VmMiddleware.Factory.Contracts.Security;

/// <summary>Distinguished names in the OpenSSL one-line form grid-mapfiles use: <c>/C=US/O=Grid/CN=Alice</c>, in certificate order.</summary>
public static class GridSubject
{
    private static readonly Dictionary<string, string> Short = new(StringComparer.Ordinal)
    {
        ["2.5.4.6"] = "C", ["2.5.4.8"] = "ST", ["2.5.4.7"] = "L", ["2.5.4.10"] = "O", ["2.5.4.11"] = "OU", ["2.5.4.3"] = "CN",
        ["2.5.4.5"] = "serialNumber", ["2.5.4.4"] = "SN", ["2.5.4.42"] = "GN", ["2.5.4.12"] = "title", ["2.5.4.46"] = "dnQualifier",
        ["1.2.840.113549.1.9.1"] = "emailAddress", ["0.9.2342.19200300.100.1.25"] = "DC", ["0.9.2342.19200300.100.1.1"] = "UID",
    };

    /// <summary>Returns <paramref name="name"/> in the one-line form.</summary>
    public static string OneLine(X509Name name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var oids = name.GetOidList();
        var values = name.GetValueList();
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < oids.Count; i++)
        {
            text.Append('/').Append(Short.TryGetValue(oids[i].Id, out var s) ? s : oids[i].Id).Append('=').Append(values[i]);
        }

        return text.ToString();
    }

    /// <summary>Returns whether <paramref name="proxy"/> is <paramref name="issuer"/> with exactly one more CN component (RFC 3820 section 3.4).</summary>
    public static bool ExtendsByOneCommonName(X509Name proxy, X509Name issuer)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        ArgumentNullException.ThrowIfNull(issuer);
        var proxyOids = proxy.GetOidList();
        var proxyValues = proxy.GetValueList();
        var issuerOids = issuer.GetOidList();
        var issuerValues = issuer.GetValueList();
        if (proxyOids.Count != issuerOids.Count + 1 || !proxyOids[^1].Equals(X509Name.CN))
        {
            return false;
        }

        for (var i = 0; i < issuerOids.Count; i++)
        {
            if (!proxyOids[i].Equals(issuerOids[i]) || !string.Equals(proxyValues[i], issuerValues[i], StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
