namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class ConversionFunctionsTests
{
    [TestMethod]
    [DataRow("int(3)", "3")]
    [DataRow("int(-3.9)", "-3")]
    [DataRow("int(\"42abc\")", "42")]
    [DataRow("int(\" 1e3\")", "1000")]
    [DataRow("int(true)", "1")]
    [DataRow("int(relTime(\"1:00\"))", "60")]
    [DataRow("int(\"abc\")", "error")]
    [DataRow("int({1})", "error")]
    [DataRow("int(undefined)", "undefined")] // value.cpp convertValueToIntegerValue keeps UNDEFINED
    [DataRow("int(error)", "error")]
    [DataRow("int(real(\"NaN\"))", "-9223372036854775808")] // C's (long long) of NaN on x86-64
    [DataRow("int(1, 2)", "error")]
    public void Int_Values_ConvertAsManualSays(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("real(3)", "3.000000000000000E+00")]
    [DataRow("real(\"-2.5x\")", "-2.500000000000000E+00")]
    [DataRow("real(false)", "0.0")]
    [DataRow("real(\"INF\")", "real(\"INF\")")]
    [DataRow("real(\"-INF\")", "real(\"-INF\")")]
    [DataRow("real(\"NaN\")", "real(\"NaN\")")]
    [DataRow("real(\"-0.0\")", "-0.0")]
    [DataRow("real(\"x\")", "error")]
    [DataRow("real(undefined)", "undefined")]
    [DataRow("real([a = 1])", "error")]
    [DataRow("real()", "error")]
    public void Real_Values_ConvertAsManualSays(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("string(\"a\")", "\"a\"")]
    [DataRow("string(12)", "\"12\"")]
    [DataRow("string(1.5)", "\"1.500000000000000E+00\"")]
    [DataRow("string(true)", "\"true\"")]
    [DataRow("string({1, \"a\"})", "\"{ 1,\\\"a\\\" }\"")]
    [DataRow("string(relTime(90))", "\"01:30\"")]
    [DataRow("string(real(\"INF\"))", "\"real(\\\"INF\\\")\"")]
    [DataRow("string(0.0)", "\"0.0\"")]
    [DataRow("string(-0.0)", "\"-0.0\"")]
    [DataRow("string(undefined)", "undefined")]
    [DataRow("string(error)", "error")]
    [DataRow("string(1, 2)", "error")]
    public void String_Values_ConvertAsManualSays(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("bool(1)", "true")]
    [DataRow("bool(0.0)", "false")]
    [DataRow("bool(\"TRUE\")", "true")]
    [DataRow("bool(\"false\")", "false")]
    [DataRow("bool(\"maybe\")", "undefined")]
    [DataRow("bool(relTime(0))", "false")]
    [DataRow("bool(undefined)", "undefined")]
    [DataRow("bool({})", "error")]
    [DataRow("bool(error)", "error")]
    [DataRow("bool()", "error")]
    public void Bool_Values_ConvertAsHTCondorDoes(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("INT(3.5)", "3")]
    [DataRow("ToUpper(\"a\")", "\"A\"")]
    [DataRow("STRINGLISTSIZE(\"a,b\")", "2")]
    public void FunctionNames_AnyCase_Resolve(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
