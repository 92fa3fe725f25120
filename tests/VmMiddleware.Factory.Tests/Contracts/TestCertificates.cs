using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X509;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Operators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.X509;

namespace VmMiddleware.Factory.Tests.Contracts;

/// <summary>Certificates made in memory (ECDSA P-256, fast) for the chain validator's unit tests: CAs, end-entities, RFC 3820 proxies, CRLs.</summary>
internal static class TestCertificates
{
    public static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly SecureRandom Random = new();
    private static long serial = 100;

    public static AsymmetricCipherKeyPair Key()
    {
        var generator = new ECKeyPairGenerator();
        generator.Init(new ECKeyGenerationParameters(SecObjectIdentifiers.SecP256r1, Random));
        return generator.GenerateKeyPair();
    }

    public static X509Certificate Ca(string name, AsymmetricCipherKeyPair key) =>
        Make(new X509Name(name), new X509Name(name), key.Public, key.Private, Now.AddDays(-10), Now.AddDays(100), g =>
        {
            g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(true));
            g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.KeyCertSign | KeyUsage.CrlSign));
        });

    public static X509Certificate EndEntity(string name, AsymmetricCipherKeyPair key, X509Certificate issuer, AsymmetricKeyParameter issuerKey, bool expired = false) =>
        Make(issuer.SubjectDN, new X509Name(name), key.Public, issuerKey, expired ? Now.AddDays(-30) : Now.AddDays(-1), expired ? Now.AddDays(-2) : Now.AddDays(30), g =>
        {
            g.AddExtension(X509Extensions.BasicConstraints, true, new BasicConstraints(false));
            g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
        });

    /// <summary>An RFC 3820 proxy of <paramref name="issuer"/>: its subject plus one CN, the proxyCertInfo extension with the given policy.</summary>
    public static X509Certificate Proxy(AsymmetricCipherKeyPair key, X509Certificate issuer, AsymmetricKeyParameter issuerKey, string policy = "1.3.6.1.5.5.7.21.1", string? subject = null) =>
        Make(issuer.SubjectDN, new X509Name(subject ?? issuer.SubjectDN + ",CN=12345"), key.Public, issuerKey, Now.AddHours(-1), Now.AddHours(12), g =>
        {
            g.AddExtension(X509Extensions.KeyUsage, true, new KeyUsage(KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment));
            g.AddExtension(new DerObjectIdentifier("1.3.6.1.5.5.7.1.14"), true, new DerSequence(new DerSequence(new DerObjectIdentifier(policy))));
        });

    public static X509Crl Crl(X509Certificate ca, AsymmetricKeyParameter caKey, params BigInteger[] revoked)
    {
        var generator = new X509V2CrlGenerator();
        generator.SetIssuerDN(ca.SubjectDN);
        generator.SetThisUpdate(Now.AddDays(-1));
        generator.SetNextUpdate(Now.AddDays(7));
        foreach (var number in revoked)
        {
            generator.AddCrlEntry(number, Now.AddHours(-5), CrlReason.KeyCompromise);
        }

        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", caKey));
    }

    /// <summary>Writes PEM objects to <paramref name="path"/>.</summary>
    public static void WritePem(string path, object item)
    {
        using var writer = new StreamWriter(path);
        var pem = new Org.BouncyCastle.OpenSsl.PemWriter(writer);
        pem.WriteObject(item);
    }

    private static X509Certificate Make(X509Name issuer, X509Name subject, AsymmetricKeyParameter publicKey, AsymmetricKeyParameter signer, DateTime from, DateTime to, Action<X509V3CertificateGenerator> extensions)
    {
        var generator = new X509V3CertificateGenerator();
        generator.SetSerialNumber(BigInteger.ValueOf(Interlocked.Increment(ref serial)));
        generator.SetIssuerDN(issuer);
        generator.SetSubjectDN(subject);
        generator.SetNotBefore(from);
        generator.SetNotAfter(to);
        generator.SetPublicKey(publicKey);
        extensions(generator);
        return generator.Generate(new Asn1SignatureFactory("SHA256WITHECDSA", signer));
    }
}
