namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class SplitFunctionsTests
{
    [TestMethod]
    [DataRow("split(\"a b  c\")", "{ \"a\",\"b\",\"c\" }")]
    [DataRow("split(\"foo, bar\")", "{ \"foo\",\"bar\" }")]
    [DataRow("split(\"foo,,bar\")", "{ \"foo\",\"\",\"bar\" }")]
    [DataRow("split(\" ,a, \")", "{ \"a\" }")]
    [DataRow("split(\"a:b;c\", \":;\")", "{ \"a\",\"b\",\"c\" }")]
    [DataRow("split(\"abc\", \"\")", "{ \"abc\" }")]
    [DataRow("split(\"\")", "{  }")]
    [DataRow("split(undefined)", "error")]
    [DataRow("split(\"a\", 1)", "error")]
    [DataRow("split()", "error")]
    public void Split_Strings_SplitAtSeparators(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("splitUserName(\"user@domain\")", "{ \"user\",\"domain\" }")]
    [DataRow("splitUserName(\"username\")", "{ \"username\",\"\" }")]
    [DataRow("splitUserName(\"a@b@c\")", "{ \"a\",\"b@c\" }")]
    [DataRow("splitSlotName(\"slot1@machine\")", "{ \"slot1\",\"machine\" }")]
    [DataRow("splitSlotName(\"machinename\")", "{ \"\",\"machinename\" }")]
    [DataRow("splitUserName(undefined)", "error")]
    [DataRow("splitSlotName(1)", "error")]
    [DataRow("splitSlotName(\"a\", \"b\")", "error")]
    public void SplitAt_Names_TwoStrings(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
