using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Translation.Tests.Rsl;

[TestClass]
public sealed class RslParserTests
{
    private static RslValue L(string text) => RslValue.Literal(text);

    [TestMethod]
    public void Parse_SimpleRequest_GivesRelationsInOrder()
    {
        var request = RslParser.Parse("&(executable=/bin/date)(arguments=-u \"+%Y\")");

        Assert.AreEqual(
            new RslRequest(new RslRelation("executable", L("/bin/date")), new RslRelation("arguments", L("-u"), L("+%Y"))),
            request);
    }

    [TestMethod]
    [DataRow("\"a \"\"b\"\" c\"", "a \"b\" c")]
    [DataRow("'it''s'", "it's")]
    [DataRow("^|a\"b|", "a\"b")]
    [DataRow("^|a||b|", "a|b")]
    [DataRow("^||", "")]
    [DataRow("\"\"", "")]
    [DataRow("x&y|z+w", "x&y|z+w")]
    [DataRow("b:c/d.e-f_g@h%i,j;k{l}[m]\\n`o", "b:c/d.e-f_g@h%i,j;k{l}[m]\\n`o")]
    [DataRow("\"multi\nline\"", "multi\nline")]
    [DataRow("\"$HOME ! < ~ * ? ( ) # ^\"", "$HOME ! < ~ * ? ( ) # ^")]
    public void Parse_QuotingForm_GivesUnquotedText(string written, string expected)
    {
        var request = RslParser.Parse("&(a = " + written + ")");

        Assert.AreEqual(new RslRelation("a", L(expected)), request.Relations[0]);
    }

    [TestMethod]
    public void Parse_SequencesVariablesAndConcatenation_GiveTheirNodes()
    {
        var request = RslParser.Parse("&(environment=(A \"1\")(B '2'))(executable=$(GLOBUSRUN_GASS_URL) # \"/bin/x\")(x=$( HOME ) \"y\")(z=((q)))");

        Assert.AreEqual(
            new RslRequest(
                new RslRelation("environment", RslValue.Sequence(L("A"), L("1")), RslValue.Sequence(L("B"), L("2"))),
                new RslRelation("executable", RslValue.Concatenation(RslValue.Variable("GLOBUSRUN_GASS_URL"), L("/bin/x"))),
                new RslRelation("x", RslValue.Variable("HOME"), L("y")),
                new RslRelation("z", RslValue.Sequence(RslValue.Sequence(L("q"))))),
            request);
    }

    [TestMethod]
    public void Parse_CommentsWhereverSpaceMayStand_AreIgnored()
    {
        var request = RslParser.Parse("(* head *) & (* a *) (a = (* b *) x (* c (* d *)) (* e *)\n(b=y)(* tail *)");

        Assert.AreEqual(new RslRequest(new RslRelation("a", L("x")), new RslRelation("b", L("y"))), request);
    }

    [TestMethod]
    public void Find_RepeatedAttributeWithOtherSpelling_GivesTheLast()
    {
        var request = RslParser.Parse("&(max_wall_time=10)(MaxWallTime=20)(count=1)");

        Assert.AreEqual(new RslRelation("MaxWallTime", L("20")), request.Find("max_wall_time"));
        Assert.AreEqual(3, request.Relations.Count);
    }

    [TestMethod]
    [DataRow("&(a=)", 1, 5, "unexpected ')', expected a value")]
    [DataRow("&(a=x", 1, 6, "unexpected the end of the text, expected ')' to end the relation")]
    [DataRow("&(a=x)junk", 1, 7, "unexpected 'j', expected '(' to start a relation or the end of the text")]
    [DataRow("(a=x)", 1, 1, "unexpected '(', expected '&' to start the request")]
    [DataRow("&(a=x*y)", 1, 6, "unexpected '*', expected ')' to end the relation")]
    [DataRow("&(a=x #)", 1, 8, "unexpected ')', expected a literal or $(variable) after #")]
    [DataRow("&\n(a = \"open)", 2, 12, "unexpected the end of the text, expected the closing \"")]
    [DataRow("&(a=x)(* open", 1, 7, "the comment is never closed, expected *) to close the comment")]
    [DataRow("&(a=$(X Y))", 1, 9, "unexpected 'Y', expected ')' to end the variable reference")]
    [DataRow("&()", 1, 3, "unexpected ')', expected an attribute name or '&' to start the request")]
    public void Parse_SyntaxError_NamesLineColumnAndExpectation(string text, int line, int column, string detail)
    {
        var error = Assert.ThrowsExactly<RslParseException>(() => RslParser.Parse(text, "job.rsl"));

        Assert.AreEqual($"job.rsl: line {line}, column {column}: {detail}", error.Message);
    }

    [TestMethod]
    [DataRow("&(a=x)\n(count >= 2)", 2, 8, "the operator '>=' is not supported by a GRAM5 job manager; expected '=' after 'count'")]
    [DataRow("&(a != x)", 1, 5, "the operator '!=' is not supported by a GRAM5 job manager; expected '=' after 'a'")]
    [DataRow("+(&(a=x))(&(a=y))", 1, 1, "multi-requests ('+') are not supported by a GRAM5 job manager; submit each request on its own, expected '&'")]
    [DataRow(" |(a=x)(a=y)", 1, 2, "alternatives ('|') are not supported by a GRAM5 job manager; expected '&'")]
    [DataRow("&(a=x)( &(b=y))", 1, 9, "nested requests are not supported by a GRAM5 job manager; expected a relation (attribute = value)")]
    public void Parse_FormGramRefuses_IsRefusedWithItsPosition(string text, int line, int column, string detail)
    {
        var error = Assert.ThrowsExactly<RslParseException>(() => RslParser.Parse(text));

        Assert.AreEqual($"line {line}, column {column}: {detail}", error.Message);
        Assert.AreEqual(line, error.Line);
        Assert.AreEqual(column, error.Column);
    }
}
