using VmMiddleware.Plugins.Configuration;

namespace VmMiddleware.Plugins.Tests.Configuration;

[TestClass]
public sealed class PluginConfigurationReaderTests
{
    private static readonly PluginOptions Defaults = new() { CacheRoot = "/var/cache/x", TrustDirectory = "/etc/grid-security/certificates" };

    [TestMethod]
    public void Parse_EveryKey_Applied()
    {
        var options = PluginConfigurationReader.Parse(
            "# comment\nfactory = https://f.example.org:9443\ncache-directory = cache\ncache-cap = 20G\ncredential = /p\nprivate-key = /k\ntrust-directory = /t\nattempts = 3\nretry-delay = 0.5\n",
            "/etc/vmmiddleware/plugin.conf", Defaults);

        Assert.AreEqual(new Uri("https://f.example.org:9443"), options.Factory);
        Assert.AreEqual("/etc/vmmiddleware/cache", options.CacheRoot);
        Assert.AreEqual(20L << 30, options.CapBytes);
        Assert.AreEqual("/p", options.Credential);
        Assert.AreEqual("/k", options.PrivateKey);
        Assert.AreEqual("/t", options.TrustDirectory);
        Assert.AreEqual(3, options.Attempts);
        Assert.AreEqual(TimeSpan.FromSeconds(0.5), options.RetryDelay);
    }

    [TestMethod]
    [DataRow("cache-cap = lots", "plugin.conf:1:13: cache-cap: 'lots' is not")]
    [DataRow("\n  bogus = 1", "plugin.conf:2:3: unknown key 'bogus'")]
    [DataRow("factory = http://x", "plugin.conf:1:11: factory:")]
    [DataRow("no equals sign", "plugin.conf:1:1: expected 'key = value'")]
    public void Parse_BadLine_NamesFileLineAndColumn(string text, string message)
    {
        var e = Assert.ThrowsExactly<PluginConfigurationException>(() => PluginConfigurationReader.Parse(text, "plugin.conf", Defaults));
        StringAssert.StartsWith(e.Message, message);
    }

    [TestMethod]
    public void Parse_TheShippedExample_Reads()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir!.FullName, "VmMiddleware.sln")))
        {
            dir = dir.Parent;
        }

        var example = Path.Combine(dir.FullName, "condor-plugins", "plugin.conf.example");
        var options = PluginConfigurationReader.Parse(File.ReadAllText(example), example, Defaults);

        Assert.AreEqual(50L << 30, options.CapBytes);
        Assert.AreEqual("/var/lib/condor/vmimage-cache", options.CacheRoot);
    }
}
