using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Tls;

namespace VmMiddleware.Factory.Contracts.Transport;

/// <summary>Picks the signature scheme a TLS peer signs with for its key, among those the other side offered.</summary>
public static class SignatureSchemes
{
    /// <summary>Returns the first offered algorithm that fits <paramref name="key"/> (RSA-PSS under TLS 1.3; RSA PKCS#1 or ECDSA under 1.2), or null when none does.</summary>
    public static SignatureAndHashAlgorithm? Choose(IList<SignatureAndHashAlgorithm>? offered, AsymmetricKeyParameter key, bool tls13)
    {
        ArgumentNullException.ThrowIfNull(key);
        var isEc = key is ECPrivateKeyParameters;
        foreach (var algorithm in offered ?? [])
        {
            var fits = isEc
                ? algorithm.Signature == SignatureAlgorithm.ecdsa && (!tls13 || algorithm.Hash == HashAlgorithm.sha256)
                : tls13
                    ? algorithm.Signature == SignatureAlgorithm.rsa_pss_rsae_sha256
                    : algorithm.Signature == SignatureAlgorithm.rsa && algorithm.Hash == HashAlgorithm.sha256;
            if (fits)
            {
                return algorithm;
            }
        }

        return offered is null && !tls13 ? new SignatureAndHashAlgorithm(HashAlgorithm.sha256, isEc ? SignatureAlgorithm.ecdsa : SignatureAlgorithm.rsa) : null;
    }
}
