namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class ListFunctionsTests
{
    [TestMethod]
    [DataRow("member(2, {1, 2, 3})", "true")]
    [DataRow("member(\"A\", {\"a\"})", "true")]
    [DataRow("member(2, {1, 2.0})", "true")]
    [DataRow("member(4, {1, undefined})", "false")]
    [DataRow("member(undefined, {1})", "undefined")]
    [DataRow("member(1, undefined)", "undefined")]
    [DataRow("member(1, 1)", "error")]
    [DataRow("member({1}, {{1}})", "error")]
    [DataRow("member(error, {1})", "error")]
    [DataRow("identicalMember(\"A\", {\"a\"})", "false")]
    [DataRow("identicalMember(\"a\", {\"a\"})", "true")]
    [DataRow("identicalMember(2, {2.0})", "false")]
    [DataRow("identicalMember(undefined, {1, undefined})", "true")]
    [DataRow("identicalMember(1, \"a\")", "error")]
    [DataRow("member(1)", "error")]
    public void Member_Lists_CompareElements(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("anyCompare(\">\", {1, 5}, 3)", "true")]
    [DataRow("allCompare(\">\", {4, 5}, 3)", "true")]
    [DataRow("allCompare(\"!=\", {4, 5}, 4)", "false")]
    [DataRow("anyCompare(\"is\", {\"A\", \"a\"}, \"a\")", "true")]
    [DataRow("allCompare(\"isnt\", {1, 2}, undefined)", "true")]
    [DataRow("anyCompare(\"==\", {undefined, 3}, 3)", "false")]
    [DataRow("allCompare(\"<\", {undefined}, 3)", "false")]
    [DataRow("anyCompare(\"<\", {\"a\"}, 3)", "error")]
    [DataRow("anyCompare(\"~\", {1}, 1)", "error")]
    [DataRow("anyCompare(undefined, {1}, 1)", "undefined")]
    [DataRow("anyCompare(\"<\", undefined, 1)", "undefined")]
    [DataRow("anyCompare(\"<\", 1, 1)", "error")]
    [DataRow("anyCompare(\"<\", {1}, {1})", "error")]
    [DataRow("allCompare(\"<\", {1})", "error")]
    public void ListCompare_Lists_CompareEachElement(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("sum({1, 2, 3})", "6")]
    [DataRow("sum({1, 2.5})", "3.500000000000000E+00")]
    [DataRow("sum({1, undefined, 2})", "3")]
    [DataRow("sum({})", "0")]
    [DataRow("sum({undefined, undefined})", "0")] // fnCall.cpp sumAvg: the sum starts as 0; UNDEFINED is skipped
    [DataRow("sum({1, \"a\"})", "error")]
    [DataRow("sum({true})", "true")] // booleans are numbers (Value::IsNumber); the first element is taken as it is
    [DataRow("max({1, 2.5, true})", "2.500000000000000E+00")]
    [DataRow("min({3, true})", "1")]
    [DataRow("sum(undefined)", "undefined")]
    [DataRow("sum(1)", "error")]
    [DataRow("sum({1}, {2})", "error")]
    [DataRow("avg({1, 2})", "1.500000000000000E+00")]
    [DataRow("avg({1, undefined, 3})", "2.000000000000000E+00")]
    [DataRow("avg({})", "0")]
    [DataRow("avg({undefined})", "0")] // nothing counted: the average is the sum
    [DataRow("avg({\"x\"})", "error")]
    public void SumAvg_Lists_FollowManual(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("min({3, 1, 2})", "1")]
    [DataRow("max({3, 1, 2})", "3")]
    [DataRow("min({3, 1.5})", "1.500000000000000E+00")]
    [DataRow("max({3, 1.5})", "3.000000000000000E+00")]
    [DataRow("max({undefined, 2})", "2")]
    [DataRow("min({})", "undefined")]
    [DataRow("max({undefined})", "undefined")]
    [DataRow("min({1, \"a\"})", "error")]
    [DataRow("max(undefined)", "undefined")]
    [DataRow("max(\"a\")", "error")]
    public void MinMax_Lists_FollowManual(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
