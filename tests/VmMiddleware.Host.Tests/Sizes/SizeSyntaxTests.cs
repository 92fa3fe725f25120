using VmMiddleware.Host.Sizes;

namespace VmMiddleware.Host.Tests.Sizes;

[TestClass]
public sealed class SizeSyntaxTests
{
    [TestMethod]
    [DataRow("512", SizeUnit.Bytes, 512L)]
    [DataRow("512", SizeUnit.MiB, 512L << 20)]
    [DataRow("0", SizeUnit.Bytes, 0L)]
    [DataRow("512B", SizeUnit.MiB, 512L)]
    [DataRow("4K", SizeUnit.Bytes, 4096L)]
    [DataRow("4k", SizeUnit.Bytes, 4096L)]
    [DataRow("4KiB", SizeUnit.Bytes, 4096L)]
    [DataRow("256M", SizeUnit.Bytes, 256L << 20)]
    [DataRow("256m", SizeUnit.MiB, 256L << 20)]
    [DataRow("1G", SizeUnit.Bytes, 1L << 30)]
    [DataRow("1giB", SizeUnit.Bytes, 1L << 30)]
    [DataRow("1t", SizeUnit.Bytes, 1L << 40)]
    [DataRow("8388607T", SizeUnit.Bytes, 8388607L << 40)]
    [DataRow("007M", SizeUnit.Bytes, 7L << 20)]
    public void TryParse_Valid_ReturnsBytes(string text, SizeUnit bareUnit, long bytes)
    {
        Assert.IsTrue(SizeSyntax.TryParse(text, bareUnit, out var parsed, out var error), error?.ToString());
        Assert.AreEqual(bytes, parsed);
    }

    [TestMethod]
    [DataRow("", SizeErrorKind.NotASize, 0)]
    [DataRow("G", SizeErrorKind.NotASize, 0)]
    [DataRow("-1M", SizeErrorKind.NotASize, 0)]
    [DataRow(" 1M", SizeErrorKind.NotASize, 0)]
    [DataRow("12X", SizeErrorKind.NotASize, 2)]
    [DataRow("1.5G", SizeErrorKind.NotASize, 1)]
    [DataRow("1 G", SizeErrorKind.NotASize, 1)]
    [DataRow("10GB", SizeErrorKind.NotASize, 2)]
    [DataRow("10Gib", SizeErrorKind.NotASize, 2)]
    [DataRow("10b", SizeErrorKind.NotASize, 2)]
    [DataRow("8388608T", SizeErrorKind.TooLarge, 0)]
    [DataRow("9223372036854775808", SizeErrorKind.TooLarge, 0)]
    [DataRow("99999999999999999999", SizeErrorKind.TooLarge, 0)]
    public void TryParse_Invalid_ReportsKindAndOffset(string text, SizeErrorKind kind, int offset)
    {
        Assert.IsFalse(SizeSyntax.TryParse(text, SizeUnit.Bytes, out _, out var error));
        Assert.AreEqual(new SizeError(kind, offset), error);
    }

    [TestMethod]
    public void TryParse_LargestBareBytes_Fits()
    {
        Assert.IsTrue(SizeSyntax.TryParse("9223372036854775807", SizeUnit.Bytes, out var bytes, out _));
        Assert.AreEqual(long.MaxValue, bytes);
    }
}
