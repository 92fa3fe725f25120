namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class RegexFunctionsTests
{
    [TestMethod]
    [DataRow("regexp(\"^a.c$\", \"abc\")", "true")]
    [DataRow("regexp(\"b\", \"abc\")", "true")]
    [DataRow("regexp(\"^B\", \"abc\", \"I\")", "false")]
    [DataRow("regexp(\"^b$\", \"a\\nb\", \"m\")", "true")]
    [DataRow("regexp(\"^b$\", \"a\\nb\")", "false")]
    [DataRow("regexp(\"a.b\", \"a\\nb\", \"s\")", "true")]
    [DataRow("regexp(\"a b\", \"ab\", \"x\")", "true")]
    [DataRow("regexp(\"a\", \"a\", \"q\")", "true")]
    [DataRow("regexp(\"(\", \"a\")", "error")]
    [DataRow("regexp(\"a\", 1)", "error")]
    [DataRow("regexp(\"a\", undefined)", "undefined")]
    [DataRow("regexp(undefined, error)", "error")]
    [DataRow("regexp(\"a\", \"a\", 1)", "error")]
    [DataRow("regexp(\"a\")", "error")]
    public void Regexp_Patterns_Match(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    public void Regexp_CatastrophicPattern_Error()
    {
        var target = new string('a', 40) + "!";
        Assert.AreEqual("error", ClassAdEval.Eval($"regexp(\"^(a+)+$\", \"{target}\")"));
    }

    [TestMethod]
    [DataRow("regexpMember(\"^b\", {\"a\", \"b\"})", "true")]
    [DataRow("regexpMember(\"^B\", {\"a\", \"b\"}, \"i\")", "true")]
    [DataRow("regexpMember(\"^c\", {\"a\", undefined})", "undefined")]
    [DataRow("regexpMember(\"^a\", {undefined, \"a\"})", "true")]
    [DataRow("regexpMember(\"^a\", undefined)", "undefined")]
    [DataRow("regexpMember(\"^a\", \"a\")", "error")]
    [DataRow("regexpMember(\"(\", {\"a\"})", "false")] // matchPatternMember reads a pattern error as no match
    public void RegexpMember_Lists_MatchElements(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("regexps(\"(\\\\w+)@(\\\\w+)\", \"mail bob@host now\", \"\\\\2:\\\\1\")", "\"host:bob\"")]
    [DataRow("regexps(\"o\", \"foo\", \"0\", \"g\")", "\"00\"")]
    [DataRow("regexps(\"o\", \"foo\", \"0\", \"fg\")", "\"f00\"")]
    [DataRow("regexps(\"x\", \"foo\", \"y\")", "\"\"")]
    [DataRow("regexps(\"o\", \"foo\", \"\\\\q\")", "\"\\\\q\"")]
    [DataRow("regexps(\"(a)|b\", \"b\", \"\\\\1\")", "error")]
    [DataRow("regexps(\"o\", \"foo\", undefined)", "undefined")]
    [DataRow("regexps(\"o\", \"foo\", 1)", "error")]
    [DataRow("regexps(\"o\", \"foo\")", "error")]
    [DataRow("replace(\"o\", \"foo\", \"0\")", "\"f0o\"")]
    [DataRow("replace(\"O\", \"foo\", \"0\", \"i\")", "\"f0o\"")]
    [DataRow("replace(\"z\", \"foo\", \"0\")", "\"foo\"")]
    [DataRow("replace(\"o\", 1, \"0\")", "error")]
    [DataRow("replaceAll(\"o\", \"foo\", \"0\")", "\"f00\"")]
    [DataRow("replaceAll(\"x*\", \"ab\", \"-\")", "error")] // regexp_helper: an empty match at the end makes the next search start past it
    [DataRow("replaceAll(\"b\", \"abcb\", \"-\")", "\"a-c-\"")]
    [DataRow("regexp(\"abc\", \"ABC\", \"I\")", "false")] // only lower-case option letters are read
    [DataRow("replaceAll(\"(\\\\d+)\", \"a1b22\", \"<\\\\1>\")", "\"a<1>b<22>\"")]
    [DataRow("replaceAll(\"o\", \"foo\", error)", "error")]
    public void Substitution_Patterns_ReplaceMatches(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("stringList_regexpMember(\"^b\", \"a, b\")", "true")]
    [DataRow("stringList_regexpMember(\"^c\", \"a, b\")", "false")]
    [DataRow("stringList_regexpMember(\"^B\", \"a;b\", \";\", \"i\")", "true")]
    [DataRow("stringList_regexpMember(\"^a\", \"\")", "undefined")]
    [DataRow("stringList_regexpMember(\"(\", \"a\")", "error")]
    [DataRow("stringList_regexpMember(\"a\", undefined)", "error")]
    [DataRow("stringList_regexpMember(\"a\")", "error")]
    public void StringListRegexpMember_Lists_MatchItems(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
