using Microsoft.Extensions.Time.Testing;
using Org.BouncyCastle.X509;
using VmMiddleware.Factory.Contracts.Security;
using static VmMiddleware.Factory.Tests.Contracts.TestCertificates;

namespace VmMiddleware.Factory.Tests.Contracts;

[TestClass]
public sealed class CertificateChainValidatorTests
{
    private static readonly Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair CaKey = Key();
    private static readonly X509Certificate CaCert = Ca("C=XX,O=Grid,CN=Test CA", CaKey);
    private static readonly Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair AliceKey = Key();
    private static readonly X509Certificate Alice = EndEntity("C=XX,O=Grid,OU=People,CN=Alice Smith", AliceKey, CaCert, CaKey.Private);
    private string _trust = null!;

    [TestInitialize]
    public void Initialize()
    {
        _trust = Directory.CreateTempSubdirectory("vmgrid-trust-").FullName;
        WritePem(Path.Combine(_trust, "0badc0de.0"), CaCert);
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_trust, recursive: true);

    [TestMethod]
    public void Validate_EndEntity_ValidWithOneLineSubject()
    {
        var verdict = Validator().Validate([Alice], allowProxies: true);

        Assert.IsTrue(verdict.Valid, verdict.Reason);
        Assert.AreEqual("/C=XX/O=Grid/OU=People/CN=Alice Smith", verdict.Subject);
        Assert.AreEqual(0, verdict.ProxyDepth);
    }

    [TestMethod]
    public void Validate_ProxyOfProxy_ValidAndMappedToTheEndEntity()
    {
        var proxyKey = Key();
        var proxy = Proxy(proxyKey, Alice, AliceKey.Private);
        var second = Proxy(Key(), proxy, proxyKey.Private);

        var verdict = Validator().Validate([second, proxy, Alice], allowProxies: true);

        Assert.IsTrue(verdict.Valid, verdict.Reason);
        Assert.AreEqual("/C=XX/O=Grid/OU=People/CN=Alice Smith", verdict.Subject);
        Assert.AreEqual(2, verdict.ProxyDepth);
    }

    [TestMethod]
    public void Validate_Refusals_NameTheReason()
    {
        var proxyKey = Key();
        var proxy = Proxy(proxyKey, Alice, AliceKey.Private);
        var rogueKey = Key();
        var rogue = Ca("C=XX,O=Grid,CN=Test CA", rogueKey); // same name, other key: not the trusted CA
        var forged = EndEntity("C=XX,O=Grid,OU=People,CN=Mallory", Key(), rogue, rogueKey.Private);
        var cases = new (IReadOnlyList<X509Certificate> Chain, bool Proxies, string Reason)[]
        {
            ([proxy], true, "broken proxy chain: the issuer '/C=XX/O=Grid/OU=People/CN=Alice Smith'"),
            ([Proxy(Key(), Alice, Key().Private), Alice], true, "is not signed by"),
            ([Proxy(Key(), Alice, AliceKey.Private, subject: "C=XX,O=Grid,OU=People,CN=Bob,CN=1"), Alice], true, "is not a valid proxy of"),
            ([Proxy(Key(), Alice, AliceKey.Private, policy: "1.3.6.1.5.5.7.21.2"), Alice], true, "independent policy"),
            ([proxy, Alice], false, "is a proxy certificate; expected an end-entity certificate"),
            ([EndEntity("C=XX,O=Grid,CN=Old", Key(), CaCert, CaKey.Private, expired: true)], true, "expired at"),
            ([forged], true, "was not issued by a CA in the trust directory"),
            ([CaCert], true, "is a CA certificate"),
        };
        foreach (var (chain, proxies, reason) in cases)
        {
            var verdict = Validator().Validate(chain, proxies);

            Assert.IsFalse(verdict.Valid, reason);
            StringAssert.Contains(verdict.Reason, reason);
        }
    }

    [TestMethod]
    public void Validate_RevokedInTheCrl_RefusedAndOthersStillValid()
    {
        var bob = EndEntity("C=XX,O=Grid,OU=People,CN=Bob", Key(), CaCert, CaKey.Private);
        WritePem(Path.Combine(_trust, "0badc0de.r0"), Crl(CaCert, CaKey.Private, bob.SerialNumber));

        var refused = Validator().Validate([bob], allowProxies: true);
        var alice = Validator().Validate([Alice], allowProxies: true);

        StringAssert.Contains(refused.Reason, "is revoked");
        Assert.IsTrue(alice.Valid, alice.Reason);
    }

    [TestMethod]
    public void Validate_SigningPolicy_SubjectOutsideRefusedInsideAccepted()
    {
        File.WriteAllText(Path.Combine(_trust, "0badc0de.signing_policy"), "access_id_CA X509 '/C=XX/O=Grid/CN=Test CA'\npos_rights globus CA:sign\ncond_subjects globus '\"/C=XX/O=Grid/OU=People/*\"'\n");
        var outsider = EndEntity("C=XX,O=Elsewhere,CN=Oscar", Key(), CaCert, CaKey.Private);
        var proxyKey = Key();

        var inside = Validator().Validate([Proxy(proxyKey, Alice, AliceKey.Private), Alice], allowProxies: true);
        var outside = Validator().Validate([outsider], allowProxies: true);

        Assert.IsTrue(inside.Valid, inside.Reason);
        Assert.IsFalse(outside.Valid);
        Assert.AreEqual("'/C=XX/O=Elsewhere/CN=Oscar' is outside the signing policy of CA '/C=XX/O=Grid/CN=Test CA' (0badc0de.signing_policy line 1), which allows '/C=XX/O=Grid/OU=People/*'", outside.Reason);
    }

    [TestMethod]
    public void Validate_UnreadableSigningPolicy_TheCaSignsNothing()
    {
        File.WriteAllText(Path.Combine(_trust, "0badc0de.signing_policy"), "access_id_CA X509 '/C=XX/O=Grid/CN=Test CA'\ncond_subjects everything\n");

        var verdict = Validator().Validate([Alice], allowProxies: true);

        Assert.IsFalse(verdict.Valid);
        StringAssert.Contains(verdict.Reason, "the signing policy of CA '/C=XX/O=Grid/CN=Test CA' cannot be read (0badc0de.signing_policy(line 2, column 1): expected cond_subjects globus");
    }

    private CertificateChainValidator Validator() => new(new TrustDirectory(_trust), new FakeTimeProvider(new DateTimeOffset(Now)));
}
