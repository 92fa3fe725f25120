using VmMiddleware.Store.Verification;

namespace VmMiddleware.Store.Tests.Verification;

[TestClass]
public sealed class ContentDigestTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [TestMethod]
    [DataRow(Hex)]
    [DataRow("sha256:" + Hex)]
    [DataRow("SHA256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public void TryNormalize_Digest_ReturnsLowercaseHex(string text)
    {
        Assert.IsTrue(ContentDigest.TryNormalize(text, out var hex));
        Assert.AreEqual(Hex, hex);
    }

    [TestMethod]
    [DataRow("sha256:abc")]
    [DataRow("md5:" + Hex)]
    [DataRow("../../etc/passwd")]
    public void Normalize_NotADigest_ThrowsNamingExpectation(string text)
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => ContentDigest.Normalize(text));
        StringAssert.Contains(e.Message, "sha256:<64 hex digits>");
    }

    [TestMethod]
    public async Task OfFile_EmptyFile_IsTheEmptyDigest()
    {
        var path = Path.GetTempFileName();
        try
        {
            Assert.AreEqual(Hex, ContentDigest.OfFile(path));
            Assert.AreEqual(Hex, await ContentDigest.OfFileAsync(path, CancellationToken.None));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
