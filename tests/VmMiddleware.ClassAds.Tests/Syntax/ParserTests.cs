using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Syntax;

[TestClass]
public sealed class ParserTests
{
    [TestMethod]
    [DataRow("1 + 2 * 3", "1 + 2 * 3")]
    [DataRow("(1 + 2) * 3", "(1 + 2) * 3")]
    [DataRow("a - b - c", "a - b - c")]
    [DataRow("a || b && c", "a || b && c")]
    [DataRow("x =?= undefined", "x is undefined")]
    [DataRow("x =!= y", "x isnt y")]
    [DataRow("a ? b : c ? d : e", "a ? b : c ? d : e")]
    [DataRow("a ?: b", "a ?: b")]
    [DataRow("a ? : b.c[1] + d", "a ?: b.c[1] + d")]
    [DataRow("{ parent.n }", "{ 'parent'.n }")] // sink.cpp reserved_words
    [DataRow("a ? b : c)", "a ? b : c")] // source.cpp parseExpression: nothing is checked after a top-level conditional
    [DataRow("[; a = 1]", "[ a = 1 ]")]
    [DataRow("MY.x + TARGET.y", "MY.x + TARGET.y")]
    [DataRow(".abs", ".abs")]
    [DataRow("l[0].b[1]", "l[0].b[1]")]
    [DataRow("{1, 2 ,3}", "{ 1,2,3 }")]
    [DataRow("{}", "{  }")]
    [DataRow("[a=1;b=\"x\"]", "[ a = 1; b = \"x\" ]")]
    [DataRow("[]", "[  ]")]
    [DataRow("strcat(\"a\" , b)", "strcat(\"a\",b)")]
    [DataRow("-1", "-1")]
    [DataRow("- x", " -x")] // sink.cpp opString: unary operators print with a space before
    [DataRow("!!x", " ! !x")]
    [DataRow("0x1F + 017", "31 + 15")]
    [DataRow("5K", "5K")]
    [DataRow("1.5e3", "1.500000000000000E+03")]
    [DataRow("\"a\" \"b\"", "\"ab\"")]
    [DataRow("1 << 2 >> 3 >>> 4", "1 << 2 >> 3 >>> 4")]
    [DataRow("a & b | c ^ d", "a & b | c ^ d")]
    [DataRow("'quoted name' + 1", "'quoted name' + 1")]
    [DataRow("x /* comment */ + // line\n y", "x + y")]
    [DataRow("TRUE && False", "true && false")]
    public void Parse_Expression_UnparsesAsHTCondor(string text, string expected)
    {
        Assert.AreEqual(expected, ExpressionParser.Parse(text).ToString());
    }

    [TestMethod]
    [DataRow("(1", "line 1, column 3: unexpected end of input, expected ')'")]
    [DataRow("1 +", "line 1, column 4: unexpected end of input, expected an expression")]
    [DataRow("f(1,", "line 1, column 5: unexpected end of input, expected an expression")]
    [DataRow("a ? b", "line 1, column 6: unexpected end of input, expected ':' of the conditional expression")]
    [DataRow("[a = 1 b = 2]", "line 1, column 8: unexpected name 'b', expected ';' or ']' after the value of a")]
    [DataRow("1 2", "line 1, column 3: unexpected number 2, expected end of input")]
    [DataRow("\"abc", "line 1, column 1: unterminated string: expected closing \"")]
    [DataRow("x\n  + )", "line 2, column 5: unexpected ')', expected an expression")]
    [DataRow("09", "line 1, column 1: malformed octal number: digit 9 is not octal")]
    [DataRow("a.5", "line 1, column 2: unexpected number, expected end of input")]
    [DataRow("\\", "line 1, column 1: unexpected character '\\'")]
    [DataRow("/* open", "line 1, column 1: unterminated comment: expected */")]
    [DataRow("1 'a\\nb'", "line 1, column 3: unexpected name 'a\\nb', expected end of input")] // the escape stays escaped: one line
    [DataRow("1 \"x\\r\\ty\\001\"", "line 1, column 3: unexpected string \"x\\r\\ty\\001\", expected end of input")]
    [DataRow("absTime(\"x\\n\")", "line 1, column 1: absTime cannot read \"x\\n\"")]
    public void Parse_BadInput_ReportsLineColumnAndExpectation(string text, string message)
    {
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(text));
        Assert.AreEqual(message, e.Message);
    }

    [TestMethod]
    [DataRow("[;]")]
    [DataRow("[ ; ; ]")]
    public void Parse_AdOfOnlySemicolons_Fails(string text) =>
        Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(text)); // source.cpp parseClassAd

    [TestMethod]
    public void Parse_HundredThousandNestedParentheses_FailsWithClearError()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(text));
        StringAssert.Contains(e.Message, "nested too deeply");
    }

    [TestMethod]
    public void Parse_HundredThousandTermSum_FailsWithClearError()
    {
        var text = string.Join(" + ", Enumerable.Repeat("1", 100_000));
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(text));
        StringAssert.Contains(e.Message, "nested too deeply");
    }

    [TestMethod]
    public void Parse_ThousandNestedLists_Succeeds()
    {
        var text = new string('{', 400) + new string('}', 400);
        Assert.AreEqual(text.Length, ExpressionParser.Parse(text).ToString().Replace(" ", string.Empty, StringComparison.Ordinal).Length);
    }

    [TestMethod]
    [DataRow("(1")]
    [DataRow("1 +")]
    [DataRow("f(1,")]
    [DataRow("a ? b")]
    [DataRow("[a = 1 b = 2]")]
    [DataRow("[a = [b = (1]; c = 2]")]
    [DataRow("{1, [x = ]}")]
    [DataRow("1 2")]
    [DataRow("\"abc")]
    [DataRow("x\n  + )")]
    [DataRow("09")]
    [DataRow("absTime(\"garbage\") + relTime(\"x\")")]
    [DataRow("strcat(relTime(\"1:2:3:4\"), 1")]
    [DataRow("[;]")]
    [DataRow("/* open")]
    public void TryParse_BadInput_FalseWithTheMessageParseThrows(string text)
    {
        // The parser records its first error instead of throwing; both entry points must report that same error.
        var thrown = Assert.ThrowsExactly<ClassAdParseException>(() => ExpressionParser.Parse(text, "in.txt"));
        Assert.IsFalse(ExpressionParser.TryParse(text, out var expr, out var error, "in.txt"));
        Assert.IsNull(expr);
        Assert.AreEqual(thrown.Message, error);

        // The parser that failed went back to the pool: the next parse starts clean.
        Assert.IsTrue(ExpressionParser.TryParse("1 + 2", out var next, out var none));
        Assert.AreEqual("1 + 2", next.ToString());
        Assert.IsNull(none);
    }

    [TestMethod]
    public void TryParse_HundredThousandNestedParentheses_FalseNotStackOverflow()
    {
        var text = new string('(', 100_000) + "1" + new string(')', 100_000);
        Assert.IsFalse(ExpressionParser.TryParse(text, out _, out var error));
        StringAssert.Contains(error, "nested too deeply");
    }
}
