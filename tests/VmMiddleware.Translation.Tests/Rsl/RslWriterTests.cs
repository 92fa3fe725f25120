using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Translation.Tests.Rsl;

[TestClass]
public sealed class RslWriterTests
{
    private static RslValue L(string text) => RslValue.Literal(text);

    [TestMethod]
    public void Write_Request_QuotesEveryLiteralOneRelationPerLine()
    {
        var request = new RslRequest(
            new RslRelation("rsl_substitution", RslValue.Sequence(L("STAGE"), L("gsiftp://host/p"))),
            new RslRelation("executable", RslValue.Concatenation(RslValue.Variable("STAGE"), L("/vmgrid"))),
            new RslRelation("arguments", L("run"), L("say \"hi\""), L("$x")),
            new RslRelation("environment", RslValue.Sequence(L("A"), L("1 2")), RslValue.Sequence(L("B"), L(""))),
            new RslRelation("count", L("1")));

        Assert.AreEqual(
            """"
            &
            (rsl_substitution = ("STAGE" "gsiftp://host/p"))
            (executable = $(STAGE)#"/vmgrid")
            (arguments = "run" "say ""hi""" "$x")
            (environment = ("A" "1 2")("B" ""))
            (count = "1")

            """".ReplaceLineEndings("\n"),
            RslWriter.Write(request));
    }

    [TestMethod]
    [DataRow("plain", "plain")]
    [DataRow("file_stage_in", "file_stage_in")]
    [DataRow("odd name", "\"odd name\"")]
    [DataRow("a=b", "\"a=b\"")]
    public void Write_AttributeName_IsBareOnlyWhenItIsAWord(string name, string expected)
    {
        Assert.AreEqual("(" + expected + " = \"v\")", RslWriter.Write(new RslRelation(name, L("v"))));
    }

    [TestMethod]
    public void Write_VariableWithOddName_QuotesTheName()
    {
        Assert.AreEqual("$(\"a b\")", RslWriter.Write(RslValue.Variable("a b")));
    }
}
