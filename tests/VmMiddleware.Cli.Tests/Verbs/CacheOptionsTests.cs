using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

[TestClass]
public sealed class CacheOptionsTests
{
    [TestMethod]
    [DataRow("512", 512L)]
    [DataRow("4K", 4096L)]
    [DataRow("20G", 20L << 30)]
    [DataRow("1t", 1L << 40)]
    public void ParseSize_Valid_ReturnsBytes(string text, long bytes)
    {
        Assert.AreEqual(bytes, CacheOptions.ParseSize(text));
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("G")]
    [DataRow("1.5G")]
    [DataRow("-1")]
    [DataRow("99999999999T")]
    public void ParseSize_Invalid_ThrowsUserErrorNamingExpectation(string text)
    {
        var e = Assert.ThrowsExactly<UserErrorException>(() => CacheOptions.ParseSize(text));

        StringAssert.Contains(e.Message, "e.g. 20G");
    }
}
