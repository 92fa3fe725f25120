namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class StringFunctionsTests
{
    [TestMethod]
    [DataRow("strcat(\"a\", 1, 2.5, true)", "\"a12.500000000000000E+00true\"")]
    [DataRow("strcat()", "\"\"")]
    [DataRow("strcat(\"a\", undefined)", "undefined")]
    [DataRow("strcat(\"a\", undefined, 1/0)", "undefined")]
    [DataRow("strcat(1/0, undefined)", "error")]
    [DataRow("strcat([ Memory = 1; b = 2; Name = 3 ], 4)", "\"[ b = 2; Name = 3; Memory = 1 ]4\"")] // classad_flat_map.h order
    [DataRow("strcat(\"a\", error)", "error")]
    public void Strcat_Arguments_ConcatenateAsStrings(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("join(\", \", \"a\", \"b\", \"c\")", "\"a, b, c\"")]
    [DataRow("join(split(\"a b c\"))", "\"abc\"")]
    [DataRow("join(\";\", split(\"a b c\"))", "\"a;b;c\"")]
    [DataRow("join(\"-\", 1, undefined, 2)", "\"1-2\"")]
    [DataRow("join(\"-\", {1, undefined, 2})", "\"1-2\"")]
    [DataRow("join(\"-\", undefined)", "undefined")]
    [DataRow("join(\"-\", \"a\", error)", "error")]
    [DataRow("join(\"-\")", "\"\"")]
    public void Join_Arguments_SkipUndefined(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("substr(\"abcde\", -2)", "\"de\"")]
    [DataRow("substr(\"abcde\", -9)", "\"abcde\"")]
    [DataRow("substr(\"abcde\", 1, -1)", "\"bcd\"")]
    [DataRow("substr(\"abcde\", 1, -9)", "\"\"")]
    [DataRow("substr(\"abcde\", 2, 0)", "\"\"")]
    [DataRow("substr(\"abcde\", 9, 2)", "\"\"")]
    [DataRow("substr(undefined, 1)", "undefined")]
    [DataRow("substr(\"abc\", 1.5)", "error")]
    [DataRow("substr(1, 1)", "error")]
    [DataRow("substr(\"abc\")", "error")]
    public void Substr_NegativeOffsetsAndLengths_CountFromEnd(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("strcmp(\"a\", \"b\")", "-1")]
    [DataRow("strcmp(\"b\", \"a\")", "1")]
    [DataRow("strcmp(\"a\", \"A\")", "1")]
    [DataRow("strcmp(1, \"1\")", "0")]
    [DataRow("strcmp(\"a\", undefined)", "undefined")]
    [DataRow("stricmp(\"ABC\", \"abc\")", "0")]
    [DataRow("stricmp(\"_\", \"a\")", "-1")]
    [DataRow("stricmp(undefined, \"a\")", "undefined")]
    [DataRow("stricmp(\"a\")", "error")]
    public void Compare_Strings_SignOfOrder(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("toUpper(\"abc-é\")", "\"ABC-é\"")]
    [DataRow("toLower(\"ABC\")", "\"abc\"")]
    [DataRow("toLower(12)", "\"12\"")]
    [DataRow("toUpper(undefined)", "undefined")]
    [DataRow("toLower(error)", "error")]
    [DataRow("toLower()", "error")]
    public void ChangeCase_Strings_AsciiLettersChange(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("size(\"héllo\")", "6")] // UTF-8 bytes, as HTCondor's std::string
    [DataRow("substr(\"héllo\", 3)", "\"llo\"")]
    [DataRow("substr(\"abcdef\", 4294967298, 2)", "\"cd\"")] // offsets are 32-bit ints
    [DataRow("size({1, {2, 3}})", "2")]
    [DataRow("size([a = 1; b = 2; c = 3])", "3")]
    [DataRow("size(undefined)", "undefined")]
    [DataRow("size(true)", "error")]
    [DataRow("size(\"a\", \"b\")", "error")]
    public void Size_Values_CountElements(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
