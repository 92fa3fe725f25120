using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Host.Tests.Hashing;

[TestClass]
public sealed class FileDigestTests
{
    [TestMethod]
    public void Sha256Hex_KnownContent_MatchesSha256sum()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("abc"), "abc");

        Assert.AreEqual("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", FileDigest.Sha256Hex(dir.File("abc")));
    }

    [TestMethod]
    public void Sha256Hex_ThreeMebibytes_ReportsGrowingCountsUpToTheSize()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.File("big"), new byte[(3 << 20) + 5]);
        var seen = new List<long>();

        FileDigest.Sha256Hex(dir.File("big"), seen.Add);

        Assert.AreEqual((3L << 20) + 5, seen[^1]);
        CollectionAssert.AreEqual(seen.Order().ToArray(), seen.ToArray());
    }

    [TestMethod]
    [DataRow("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", true)]
    [DataRow("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [DataRow("ba7816bf", false)]
    [DataRow(null, false)]
    public void IsSha256Hex_Forms(string? text, bool valid) => Assert.AreEqual(valid, FileDigest.IsSha256Hex(text));
}
