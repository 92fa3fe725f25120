using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
public sealed class CacheIdTests
{
    private const string Hex = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    [TestMethod]
    [DataRow(Hex)]
    [DataRow("sha256:" + Hex)]
    [DataRow("SHA256:E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855")]
    public void TryNormalize_Digest_ReturnsPrefixedLowercase(string text)
    {
        Assert.IsTrue(CacheId.TryNormalize(text, out var id));
        Assert.AreEqual("sha256:" + Hex, id);
    }

    [TestMethod]
    [DataRow("sha256:abc")]
    [DataRow("md5:" + Hex)]
    [DataRow("sha256:" + Hex + "0")]
    [DataRow("../../etc/passwd")]
    public void TryNormalize_NotADigest_ReturnsFalse(string text)
    {
        Assert.IsFalse(CacheId.TryNormalize(text, out _));
    }

    [TestMethod]
    public void Normalize_NotADigest_ThrowsNamingExpectation()
    {
        var e = Assert.ThrowsExactly<ArgumentException>(() => CacheId.Normalize("nope"));
        StringAssert.Contains(e.Message, "sha256:<64 hex digits>");
    }
}
