using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.ClassAds.Tests.Printing;

[TestClass]
public sealed class UnparserTests
{
    [TestMethod]
    [DataRow(10.0 / 3, "3.333333333333333E+00", "3.333333333333333")]
    [DataRow(1.5, "1.500000000000000E+00", "1.5")]
    [DataRow(0.75, "7.500000000000000E-01", "0.75")]
    [DataRow(1e100, "1.000000000000000E+100", "1E+100")]
    [DataRow(-2.5e-7, "-2.500000000000000E-07", "-2.5E-07")]
    [DataRow(3.0, "3.000000000000000E+00", "3.0")]
    [DataRow(1e16, "1.000000000000000E+16", "1E+16")]
    [DataRow(123456.0, "1.234560000000000E+05", "123456.0")]
    [DataRow(0.0, "0.0", "0.0")]
    [DataRow(-0.0, "-0.0", "-0.0")]
    [DataRow(double.PositiveInfinity, "real(\"INF\")", "real(\"INF\")")]
    [DataRow(double.NegativeInfinity, "real(\"-INF\")", "real(\"-INF\")")]
    [DataRow(double.NaN, "real(\"NaN\")", "real(\"NaN\")")]
    public void Format_Real_MatchesPrintf(double value, string newSyntax, string oldSyntax)
    {
        Assert.AreEqual(newSyntax, RealFormatter.Format(value, oldSyntax: false));
        Assert.AreEqual(oldSyntax, RealFormatter.Format(value, oldSyntax: true));
    }

    [TestMethod]
    [DataRow("a\"b", "\"a\\\"b\"")]
    [DataRow("tab\there", "\"tab\\there\"")]
    [DataRow("back\\slash", "\"back\\\\slash\"")]
    [DataRow("new\nline", "\"new\\nline\"")]
    [DataRow("bell\u0007", "\"bell\\a\"")]
    [DataRow("ctl\u0001", "\"ctl\\001\"")]
    [DataRow("it's", "\"it's\"")]
    public void Unparse_String_EscapesAsHTCondor(string value, string expected)
    {
        Assert.AreEqual(expected, Unparser.Unparse(Value.FromString(value)));
    }

    [TestMethod]
    public void Unparse_Scalars_PrintAsHTCondor()
    {
        Assert.AreEqual("undefined", Unparser.Unparse(Value.Undefined));
        Assert.AreEqual("error", Unparser.Unparse(Value.Error));
        Assert.AreEqual("true", Unparser.Unparse(Value.True));
        Assert.AreEqual("-42", Unparser.Unparse(Value.FromInteger(-42)));
        Assert.AreEqual("absTime(\"2004-01-01T00:00:00-00:00\")", Unparser.Unparse(Value.FromAbsoluteTime(1072915200, 0)));
        Assert.AreEqual("absTime(\"1997-08-30T16:04:05-05:00\")", Unparser.Unparse(Value.FromAbsoluteTime(872975045, -18000)));
        Assert.AreEqual("relTime(\"1+02:03:04\")", Unparser.Unparse(Value.FromRelativeTime(93784)));
        Assert.AreEqual("relTime(\"01:00:01\")", Unparser.Unparse(Value.FromRelativeTime(3601)));
        Assert.AreEqual("relTime(\"02:05\")", Unparser.Unparse(Value.FromRelativeTime(125)));
        Assert.AreEqual("relTime(\"-07\")", Unparser.Unparse(Value.FromRelativeTime(-7)));
    }

    [TestMethod]
    public void UnparseOld_MetaOperators_UseOldSpelling()
    {
        var ad = ClassAd.Parse("[ r = x is undefined && y isnt 2; s = \"a\\\\b\" ]");
        Assert.AreEqual("r = x =?= undefined && y =!= 2\ns = \"a\\b\"\n", Unparser.UnparseOld(ad));
    }

    [TestMethod]
    [DataRow("true", "'true'")]
    [DataRow("a.b", "'a.b'")]
    [DataRow("Name_1", "Name_1")]
    [DataRow("it's", "'it\\'s'")]
    public void AttributeName_NeedsQuoting_IsQuoted(string name, string expected)
    {
        Assert.AreEqual(expected, Unparser.AttributeName(name));
    }

    [TestMethod]
    public void Unparse_ParsedPlainLiteralCopiedWithOtherValue_EscapesTheNewValue()
    {
        var parsed = (LiteralExpr)ExpressionParser.Parse("\"plain\"");
        var copy = parsed with { Value = Value.FromString("a\"b") };
        Assert.AreEqual("\"plain\"", Unparser.Unparse(parsed));
        Assert.AreEqual("\"a\\\"b\"", Unparser.Unparse(copy));
        Assert.AreEqual(parsed, new LiteralExpr(Value.FromString("plain")));
    }

    [TestMethod]
    public void UnparseOld_NamesAndStringsOfEveryShortLength_CopiedExactly()
    {
        var ad = new ClassAd();
        var expected = new System.Text.StringBuilder();
        for (var length = 1; length <= 40; length++)
        {
            var name = "N" + new string((char)('a' + (length % 26)), length - 1);
            var text = string.Concat(Enumerable.Range(0, length).Select(i => (char)('A' + ((i * 7) + length) % 26)));
            ad.InsertExpression(name, "\"" + text + "\"");
            expected.Append(name).Append(" = \"").Append(text).Append("\"\n");
        }

        Assert.AreEqual(expected.ToString(), Unparser.UnparseOld(ad));
    }
}
