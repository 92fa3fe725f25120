using VmMiddleware.WorkUnits.Literals;

namespace VmMiddleware.WorkUnits.Tests.Literals;

[TestClass]
public sealed class SizeLiteralTests
{
    [TestMethod]
    [DataRow("256", 256L << 20)]
    [DataRow("256M", 256L << 20)]
    [DataRow("256m", 256L << 20)]
    [DataRow("256MiB", 256L << 20)]
    [DataRow("1G", 1L << 30)]
    [DataRow("2GiB", 2L << 30)]
    [DataRow("512K", 512L << 10)]
    [DataRow("3T", 3L << 40)]
    [DataRow("1000B", 1000L)]
    [DataRow("8388607T", 8388607L << 40)]
    public void TryParseBytes_ValidLiteral_GivesBytes(string text, long expected)
    {
        Assert.IsTrue(SizeLiteral.TryParseBytes(text, out var bytes, out var problem), problem);
        Assert.AreEqual(expected, bytes);
    }

    [TestMethod]
    [DataRow("", "'' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("12X", "'12X' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("1.5G", "'1.5G' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("-1M", "'-1M' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("1 G", "'1 G' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("1GB", "'1GB' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("1Gib", "'1Gib' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("M", "'M' is not a size; expected " + SizeLiteral.Expectation)]
    [DataRow("0", "'0' is zero; expected a size greater than zero")]
    [DataRow("8388608T", "'8388608T' is too large; expected at most 8388607T")]
    [DataRow("99999999999999999999", "'99999999999999999999' is too large; expected at most 8388607T")]
    public void TryParseBytes_InvalidLiteral_SaysWhy(string text, string expected)
    {
        Assert.IsFalse(SizeLiteral.TryParseBytes(text, out _, out var problem));
        Assert.AreEqual(expected, problem);
    }

    [TestMethod]
    [DataRow("1G", 1024)]
    [DataRow("1024K", 1)]
    [DataRow("64", 64)]
    [DataRow("2047G", 2047 * 1024)]
    public void TryParseMiB_WholeMebibytes_GivesMiB(string text, int expected)
    {
        Assert.IsTrue(SizeLiteral.TryParseMiB(text, out var mebibytes, out var problem), problem);
        Assert.AreEqual(expected, mebibytes);
    }

    [TestMethod]
    [DataRow("1536K", "'1536K' is not a whole number of MiB; expected a multiple of 1M")]
    [DataRow("100B", "'100B' is not a whole number of MiB; expected a multiple of 1M")]
    [DataRow("2048T", "'2048T' is too large; expected at most 2147483647M")]
    [DataRow("0G", "'0G' is zero; expected a size greater than zero")]
    public void TryParseMiB_InvalidLiteral_SaysWhy(string text, string expected)
    {
        Assert.IsFalse(SizeLiteral.TryParseMiB(text, out _, out var problem));
        Assert.AreEqual(expected, problem);
    }

    [TestMethod]
    [DataRow(1L << 30, "1G")]
    [DataRow(64L << 20, "64M")]
    [DataRow(1536L << 10, "1536K")]
    [DataRow(1000L, "1000B")]
    [DataRow(5L << 40, "5T")]
    public void FormatBytes_Value_UsesLargestExactSuffix(long bytes, string expected)
    {
        Assert.AreEqual(expected, SizeLiteral.FormatBytes(bytes));
        Assert.IsTrue(SizeLiteral.TryParseBytes(expected, out var parsed, out _));
        Assert.AreEqual(bytes, parsed);
    }

    [TestMethod]
    [DataRow(256, "256M")]
    [DataRow(1024, "1G")]
    [DataRow(1536, "1536M")]
    public void FormatMiB_Value_UsesLargestExactSuffix(int mebibytes, string expected) =>
        Assert.AreEqual(expected, SizeLiteral.FormatMiB(mebibytes));
}
