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

    [TestMethod]
    [DataRow("4KiB", 4096L)]
    [DataRow("512B", 512L)]
    public void ParseSize_OneSizeSyntaxSuffixes_ReturnsBytes(string text, long bytes)
    {
        Assert.AreEqual(bytes, CacheOptions.ParseSize(text));
    }

    [TestMethod]
    public void ParseSize_BadSuffix_ErrorNamesPosition()
    {
        var e = Assert.ThrowsExactly<UserErrorException>(() => CacheOptions.ParseSize("20X"));

        Assert.AreEqual("'20X' is not a size (at character 3); expected bytes or a number with K, M, G or T, e.g. 20G", e.Message);
    }
}
