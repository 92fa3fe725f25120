namespace VmMiddleware.WorkUnits.Tests;

[TestClass]
public sealed class ImageSpecTests
{
    private const string Digest = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    [TestMethod]
    [DataRow(ImageKind.RootFilesystem)]
    [DataRow(ImageKind.BootableDisk)]
    public void New_ImageKindWithoutLocation_Throws(ImageKind kind) =>
        Assert.ThrowsExactly<ArgumentException>(() => new ImageSpec(kind));

    [TestMethod]
    public void New_ReferenceGuestWithLocation_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new ImageSpec(ImageKind.ReferenceGuest, ImageLocation.FromHostPath("/x.img")));

    [TestMethod]
    [DataRow("ABCDEF")]
    [DataRow("0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF")]
    [DataRow("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde")]
    public void New_BadChecksum_Throws(string sha256) =>
        Assert.ThrowsExactly<ArgumentException>(() => new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/x.img"), sha256: sha256));

    [TestMethod]
    public void New_ChecksumDiffersFromCacheReference_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromCacheReference(Digest), sha256: new string('0', 64)));

    [TestMethod]
    public void FromCacheReference_BareDigest_AddsPrefix()
    {
        var location = ImageLocation.FromCacheReference(Digest);

        Assert.AreEqual("sha256:" + Digest, location.Value);
        Assert.AreEqual(Digest, location.CacheDigest);
        Assert.AreEqual(ImageLocation.FromCacheReference("sha256:" + Digest), location);
    }

    [TestMethod]
    [DataRow("http://host/id")]
    [DataRow("vmimage://host")]
    [DataRow("vmimage://host/")]
    [DataRow("vmimage:///id")]
    [DataRow("vmimage://host/a b")]
    public void FromUrl_NotVmImageUrl_Throws(string url) =>
        Assert.ThrowsExactly<ArgumentException>(() => ImageLocation.FromUrl(url));

    [TestMethod]
    public void FromHostPath_Relative_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => ImageLocation.FromHostPath("images/x.img"));
}
