namespace VmMiddleware.Submit.Tests;

[TestClass]
public sealed class PrintfFormatTests
{
    [TestMethod]
    [DataRow("%d", 12L, "12")]
    [DataRow("%04d", 12L, "0012")]
    [DataRow("Area=%d", 12L, "Area=12")]
    [DataRow("%-5d|", 7L, "7    |")]
    [DataRow("%x", 255L, "ff")]
    [DataRow("%+d%%", 5L, "+5%")]
    public void FormatInteger_CFormats_MatchPrintf(string format, long value, string expected) =>
        Assert.AreEqual(expected, PrintfFormat.FormatInteger(format, value, "$INT"));

    [TestMethod]
    [DataRow("%.16G", 12.0, "12")]
    [DataRow("%.16G", 0.1, "0.1")]
    [DataRow("%g", 1e-5, "1e-05")]
    [DataRow("%g", 123456789.0, "1.23457e+08")]
    [DataRow("%.3f", 1.5, "1.500")]
    [DataRow("%e", 1234.5, "1.234500e+03")]
    public void FormatReal_CFormats_MatchPrintf(string format, double value, string expected) =>
        Assert.AreEqual(expected, PrintfFormat.FormatReal(format, value, "$REAL"));
}
