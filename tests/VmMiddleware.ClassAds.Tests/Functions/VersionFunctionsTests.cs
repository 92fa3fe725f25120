namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class VersionFunctionsTests
{
    [TestMethod]
    [DataRow("000", "00")]
    [DataRow("00", "01")]
    [DataRow("01", "010")]
    [DataRow("010", "09")]
    [DataRow("09", "0")]
    [DataRow("0", "1")]
    [DataRow("1", "9")]
    [DataRow("9", "10")]
    [DataRow("7.x", "7.y")]
    [DataRow("7.9", "7.10")]
    [DataRow("8.9.1", "10.0.0")]
    [DataRow("1.2", "1.2.1")]
    public void VersionCmp_ManualSequence_InOrder(string earlier, string later)
    {
        Assert.IsTrue(ClassAdEval.Eval($"versioncmp(\"{earlier}\", \"{later}\") < 0") == "true", earlier + " before " + later);
        Assert.IsTrue(ClassAdEval.Eval($"versioncmp(\"{later}\", \"{earlier}\") > 0") == "true", later + " after " + earlier);
    }

    [TestMethod]
    [DataRow("versioncmp(\"8.9.11\", \"abc\")", "-41")] // natural_cmp returns '8' - 'a'
    [DataRow("versioncmp(\"\", \"8.9.011\")", "-56")]
    [DataRow("versioncmp(\"9\", \"10\")", "-1")] // digit runs of lengths 1 and 2
    [DataRow("versioncmp(\"000\", \"0\")", "-2")] // two more leading zeros
    public void VersionCmp_Pairs_NaturalCmpDifference(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("versioncmp(\"1.0\", \"1.0\")", "0")]
    [DataRow("versionGT(\"10.0\", \"9.1\")", "true")]
    [DataRow("versionLT(\"10.0\", \"9.1\")", "false")]
    [DataRow("versionGE(\"9.1\", \"9.1\")", "true")]
    [DataRow("versionLE(\"9.2\", \"9.1\")", "false")]
    [DataRow("versionEQ(\"9.1\", \"9.1\")", "true")]
    [DataRow("versionle(\"9.0\", \"9.1\")", "true")]
    [DataRow("versioncmp(10, \"9\")", "1")]
    [DataRow("versionGT(undefined, \"1\")", "undefined")]
    [DataRow("versionGT(error, \"1\")", "error")]
    [DataRow("versionEQ(\"1\")", "error")]
    public void VersionCompare_Pairs_Compare(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("version_in_range(\"8.9.1\", \"8.8\", \"10.0\")", "true")]
    [DataRow("version_in_range(\"8.8\", \"8.8\", \"8.8\")", "true")]
    [DataRow("version_in_range(\"10.1\", \"8.8\", \"10.0\")", "false")]
    [DataRow("version_in_range(\"9\", undefined, \"10\")", "undefined")]
    [DataRow("version_in_range(undefined, \"1\", \"2\")", "error")]
    [DataRow("version_in_range(\"9\", \"10\")", "error")]
    public void VersionInRange_Bounds_Inclusive(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
