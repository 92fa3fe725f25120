namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class ArgsFunctionsTests
{
    [TestMethod]
    [DataRow("argsToList(\"a b c\")", "{ \"a\",\"b\",\"c\" }")]
    [DataRow("argsToList(\"-v --name 'a b' 3\")", "{ \"-v\",\"--name\",\"a b\",\"3\" }")]
    [DataRow("argsToList(\"'it''s' x\")", "{ \"it's\",\"x\" }")]
    [DataRow("argsToList(\"'open\")", "error")]
    [DataRow("argsToList(\"a  'b c'\", 1)", "{ \"a\",\"'b\",\"c'\" }")]
    [DataRow("argsToList(\"a\", 3)", "error")]
    [DataRow("argsToList(undefined)", "error")]
    [DataRow("argsToList({})", "error")]
    public void ArgsToList_Strings_SplitAsCondorArgList(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("listToArgs({\"a\",\"b c\"})", "\"a b' 'c\"")] // append_arg quotes each white-space character
    [DataRow("listToArgs({\"it's\", \"x\"})", "\"it''''s x\"")]
    [DataRow("listToArgs({\"\", \"x\"})", "\"'' x\"")]
    [DataRow("listToArgs({})", "\"\"")]
    [DataRow("listToArgs({\"a\",\"b\"}, 1)", "\"a b\"")]
    [DataRow("listToArgs({\"a b\"}, 1)", "error")]
    [DataRow("listToArgs({1})", "error")]
    [DataRow("listToArgs(\"a\")", "error")]
    public void ListToArgs_Lists_JoinAsCondorArgList(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
