using VmMiddleware.Plugins.Fetching;

namespace VmMiddleware.Plugins.Tests.Fetching;

[TestClass]
public sealed class VmImageUrlTests
{
    private static readonly string Id = new('a', 64);

    [TestMethod]
    [DataRow("vmimage://factory.example.org:9443/ID", "https://factory.example.org:9443/")]
    [DataRow("vmimage://factory.example.org/images/ID.qcow2", "https://factory.example.org:8443/")]
    [DataRow("vmimage://factory/ID", "https://configured.example.org:7443/")]
    public void TryParse_Forms_ServiceAndStateId(string url, string service)
    {
        Assert.IsTrue(VmImageUrl.TryParse(url.Replace("ID", Id, StringComparison.Ordinal), new Uri("https://configured.example.org:7443/"), out var parsed, out var error), error);
        Assert.AreEqual(new Uri(service), parsed.Service);
        Assert.AreEqual(Id, parsed.StateId);
    }

    [TestMethod]
    [DataRow("http://h/ID", "is not a vmimage://")]
    [DataRow("vmimage://h/debian-12", "is not an image id")]
    [DataRow("vmimage://h/ABCDEF", "is not an image id")]
    [DataRow("vmimage://factory/ID", "configuration names none")]
    public void TryParse_Bad_SaysWhy(string url, string why)
    {
        Assert.IsFalse(VmImageUrl.TryParse(url.Replace("ID", Id, StringComparison.Ordinal), null, out _, out var error));
        StringAssert.Contains(error, why);
    }
}
