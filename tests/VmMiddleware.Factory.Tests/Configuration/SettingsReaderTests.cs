using VmMiddleware.Factory.Configuration;

namespace VmMiddleware.Factory.Tests.Configuration;

[TestClass]
public sealed class SettingsReaderTests
{
    [TestMethod]
    public void Parse_Empty_DefaultsThatWorkOnAGridGateway()
    {
        var settings = SettingsReader.Parse("# nothing set\n", "/etc/vmmiddleware/factory.conf");

        Assert.AreEqual("0.0.0.0", settings.ListenAddress);
        Assert.AreEqual(8443, settings.Port);
        Assert.AreEqual("/etc/grid-security/certificates", settings.TrustDirectory);
        Assert.AreEqual("/var/lib/vmmiddleware/factory/store", settings.EffectiveStoreDirectory);
        CollectionAssert.AreEqual(new[] { "debian-bookworm" }, settings.Bases.ToArray());
        Assert.AreEqual(4, settings.BuildsQuota("anyone"));
    }

    [TestMethod]
    public void Parse_Values_SizesPathsListsAndAccountQuotas()
    {
        var settings = SettingsReader.Parse("listen = [::1]:9443\nstore-cap = 2G\ndata-directory = data\nbases = debian-bookworm, site-el9\nquota-builds.alice = 9\nquota-bytes.alice = 1T\n", "/srv/f/factory.conf");

        Assert.AreEqual("::1", settings.ListenAddress);
        Assert.AreEqual(9443, settings.Port);
        Assert.AreEqual(2L << 30, settings.StoreCapBytes);
        Assert.AreEqual("/srv/f/data", settings.DataDirectory);
        CollectionAssert.AreEqual(new[] { "debian-bookworm", "site-el9" }, settings.Bases.ToArray());
        Assert.AreEqual(9, settings.BuildsQuota("alice"));
        Assert.AreEqual(1L << 40, settings.BytesQuota("alice"));
        Assert.AreEqual(4, settings.BuildsQuota("bob"));
    }

    [TestMethod]
    [DataRow("lisen = 1\n", "f.conf(line 1, column 1): unknown setting 'lisen'")]
    [DataRow("\n  store-cap = 12 parsecs\n", "f.conf(line 2, column 17): '12 parsecs' is not a size for store-cap")]
    [DataRow("listen = localhost:80\n", "f.conf(line 1, column 10): 'localhost:80' is not an address to listen on")]
    [DataRow("listen = 0.0.0.0:99999\n", "f.conf(line 1, column 18): '99999' is not a valid listen")]
    [DataRow("build-concurrency = 2\nbuild-concurrency = 3\n", "f.conf(line 2, column 1): 'build-concurrency' is set twice (first on line 1)")]
    [DataRow("certificate\n", "f.conf(line 1, column 1): 'certificate' is not a setting; expected KEY = VALUE")]
    [DataRow("bases = a/b\n", "f.conf(line 1, column 9): 'a/b' is not a base name")]
    [DataRow("quota-cap.alice = 1\n", "f.conf(line 1, column 1): unknown setting 'quota-cap.alice'")]
    public void Parse_BadLine_PositionedError(string text, string expected)
    {
        var e = Assert.ThrowsExactly<SettingsFormatException>(() => SettingsReader.Parse(text, "f.conf"));

        StringAssert.StartsWith(e.Message, expected);
    }
}
