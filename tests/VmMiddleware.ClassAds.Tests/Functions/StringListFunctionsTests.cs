namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class StringListFunctionsTests
{
    [TestMethod]
    [DataRow("stringListSize(\"a, b,c\")", "3")]
    [DataRow("stringListSize(\"a;b\", \";\")", "2")]
    [DataRow("stringListSize(\"\")", "0")]
    [DataRow("stringListSize(undefined)", "error")]
    [DataRow("stringListSize(\"a\", 1)", "error")]
    [DataRow("stringListSize()", "error")]
    public void Size_Lists_CountItems(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("stringListSum(\"1,2,3\")", "6")]
    [DataRow("stringListSum(\"1,2.5\")", "3.500000000000000E+00")]
    [DataRow("stringListSum(\"\")", "0.0")]
    [DataRow("stringListAvg(\"1,2\")", "1")] // compat_classad.cpp: integer items give (long long) of the average
    [DataRow("stringListAvg(\"1,2.0\")", "1.500000000000000E+00")]
    [DataRow("stringListSize(\"a,b c\", \"\")", "1")] // StringTokenIterator with no delimiters: one item
    [DataRow("stringListAvg(\"\")", "0.0")]
    [DataRow("stringListMin(\"3,1,2\")", "1")]
    [DataRow("stringListMin(\"-5;-3\", \";\")", "-5")]
    [DataRow("stringListMax(\"-5,-3\")", "0")] // the accumulator starts at FLT_MIN, a tiny positive number
    [DataRow("stringListMax(\"1,2.5\")", "2.500000000000000E+00")]
    [DataRow("stringListMin(\"\")", "undefined")]
    [DataRow("stringListMax(\"\")", "undefined")]
    [DataRow("stringListSum(\"1,x\")", "error")]
    [DataRow("stringListAvg(1)", "error")]
    public void Summaries_Lists_NumbersOrError(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("stringListMember(\"b\", \"a, b, c\")", "true")]
    [DataRow("stringListMember(\"B\", \"a, b, c\")", "false")]
    [DataRow("stringListIMember(\"B\", \"a, b, c\")", "true")]
    [DataRow("stringListMember(\"b\", \"a;b\", \";\")", "true")]
    [DataRow("stringListMember(undefined, \"a\")", "false")]
    [DataRow("stringListMember(undefined, undefined)", "undefined")]
    [DataRow("stringListMember(1, \"1\")", "error")]
    [DataRow("stringListIMember(\"a\")", "error")]
    public void Member_Lists_FindItem(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("stringListSubsetMatch(\"a,b\", \"a,b,c,d\")", "true")]
    [DataRow("stringListSubsetMatch(\"a,b,x\", \"a,b,c,d\")", "false")]
    [DataRow("stringListSubsetMatch(\"a,,a\", \"a\")", "true")]
    [DataRow("stringListSubsetMatch(\"\", \"a\")", "true")]
    [DataRow("stringListSubsetMatch(undefined, \"a\")", "true")]
    [DataRow("stringListSubsetMatch(\"a\", undefined)", "false")]
    [DataRow("stringListSubsetMatch(undefined, undefined)", "undefined")]
    [DataRow("stringListSubsetMatch(\"A\", \"a\")", "false")]
    [DataRow("stringListISubsetMatch(\"A,B\", \"a;b\", \";,\")", "true")]
    [DataRow("stringListSubsetMatch(1, \"a\")", "error")]
    [DataRow("stringListISubsetMatch(\"a\", error)", "error")]
    public void SubsetMatch_Lists_AsSets(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("stringListsIntersect(\"a,b\", \"c,b\")", "true")]
    [DataRow("stringListsIntersect(\"a,b\", \"A,B\")", "false")]
    [DataRow("stringListsIntersect(\"a,b\", error)", "error")]
    [DataRow("stringListsIntersect(\"a,b\", 3)", "error")]
    [DataRow("stringListsIntersect(\"a,b\")", "error")]
    public void Intersect_Lists_ShareItem(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
