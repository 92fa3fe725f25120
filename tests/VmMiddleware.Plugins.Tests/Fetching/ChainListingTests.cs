using VmMiddleware.Plugins.Fetching;

namespace VmMiddleware.Plugins.Tests.Fetching;

[TestClass]
public sealed class ChainListingTests
{
    private static readonly string A = new('a', 64);
    private static readonly string B = new('b', 64);
    private static readonly string S = new('c', 64);

    [TestMethod]
    public void Parse_TwoLayers_BaseFirst()
    {
        var chain = ChainListing.Parse($"{A} - 100 {S}\n{B} {A} 20 {S}\n", B);

        Assert.AreEqual(2, chain.Count);
        Assert.IsNull(chain[0].ParentId);
        Assert.AreEqual(A, chain[1].ParentId);
        Assert.AreEqual(20, chain[1].SizeBytes);
        Assert.AreEqual(B + ".qcow2", chain[1].FileName);
    }

    [TestMethod]
    [DataRow("AAA - 1 SSS\n", "line 1")]
    [DataRow("BBB AAA 1 SSS\n", "names parent")]
    [DataRow("AAA - 1 SSS\n", "does not end at")]
    [DataRow("", "does not end at")]
    public void Parse_Broken_InvalidData(string text, string why)
    {
        text = text.Replace("AAA", A, StringComparison.Ordinal).Replace("BBB", B, StringComparison.Ordinal).Replace("SSS", why == "line 1" ? "xyz" : S, StringComparison.Ordinal);
        var e = Assert.ThrowsExactly<InvalidDataException>(() => ChainListing.Parse(text, B));
        StringAssert.Contains(e.Message, why);
    }
}
