using VmMiddleware.Factory.Contracts.Client;

namespace VmMiddleware.Factory.Tests.Contracts.Client;

[TestClass]
public sealed class FactoryCredentialsTests
{
    private string _directory = null!;

    [TestInitialize]
    public void Initialize() => _directory = Directory.CreateTempSubdirectory("factory-credentials-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [TestMethod]
    public void Credential_NoneInAnyPlace_OneLineSayingHowToGetOne()
    {
        var options = new FactoryCredentialOptions { Home = _directory, DefaultProxy = Path.Combine(_directory, "x509up_u1"), UserCertificate = Path.Combine(_directory, "absent.pem") };

        var e = Assert.ThrowsExactly<FactoryClientException>(() => FactoryCredentials.Credential(options));

        Assert.AreEqual("no grid credential: run grid-proxy-init, or give --proxy FILE or --cert FILE --key FILE", e.Message);
    }

    [TestMethod]
    public void Credential_ExplicitProxyThatIsNoCredential_NamesTheOptionAndDoesNotLookElsewhere()
    {
        var proxy = Path.Combine(_directory, "proxy.pem");
        File.WriteAllText(proxy, "not a PEM file\n");

        var e = Assert.ThrowsExactly<FactoryClientException>(() => FactoryCredentials.Credential(new FactoryCredentialOptions { ProxyFile = proxy, Home = _directory }));

        StringAssert.StartsWith(e.Message, "--proxy: ");
        Assert.DoesNotContain("\n", e.Message);
    }

    [TestMethod]
    public void Credential_EnvironmentProxyThatIsNoCredential_NamesTheVariable()
    {
        var proxy = Path.Combine(_directory, "proxy.pem");
        File.WriteAllText(proxy, "not a PEM file\n");

        var e = Assert.ThrowsExactly<FactoryClientException>(() => FactoryCredentials.Credential(new FactoryCredentialOptions { UserProxy = proxy, Home = _directory }));

        StringAssert.StartsWith(e.Message, "$X509_USER_PROXY: ");
    }

    [TestMethod]
    public void TrustPath_ExplicitThenEnvironmentThenDefault()
    {
        Assert.AreEqual("/a", FactoryCredentials.TrustPath(new FactoryCredentialOptions { TrustDirectory = "/a", CertificateDirectory = "/b" }));
        Assert.AreEqual("/b", FactoryCredentials.TrustPath(new FactoryCredentialOptions { CertificateDirectory = "/b" }));
        Assert.AreEqual("/etc/grid-security/certificates", FactoryCredentials.TrustPath(new FactoryCredentialOptions()));
    }
}
