namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class MathFunctionsTests
{
    [TestMethod]
    [DataRow("floor(3.9)", "3")]
    [DataRow("floor(-3.1)", "-4")]
    [DataRow("floor(7)", "7")]
    [DataRow("floor(\"2.5\")", "2")]
    [DataRow("ceiling(3.1)", "4")]
    [DataRow("ceiling(-3.9)", "-3")]
    [DataRow("ceil(1.2)", "2")]
    [DataRow("round(2.5)", "2")]
    [DataRow("round(3.5)", "4")]
    [DataRow("round(-2.6)", "-3")]
    [DataRow("round(5000000000.0)", "5000000000")] // fnCall.cpp doRound: (long long) rint, no 32-bit limit
    [DataRow("round(5000000000)", "5000000000")]
    [DataRow("floor(undefined)", "error")]
    [DataRow("ceiling(\"x\")", "error")]
    [DataRow("round({1})", "error")]
    [DataRow("floor(1, 2)", "error")]
    public void Rounding_Values_FollowManual(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("pow(2, 10)", "1024")]
    [DataRow("pow(-2, 3)", "-7")] // fnCall.cpp doMath2: (long long)(pow(-2.0, 3.0) + 0.5) truncates -7.5
    [DataRow("pow(0, 0)", "1")]
    [DataRow("pow(0.0, 0)", "1.000000000000000E+00")]
    [DataRow("pow(2, -1)", "5.000000000000000E-01")]
    [DataRow("pow(4.0, 0.5)", "2.000000000000000E+00")]
    [DataRow("pow(\"a\", 2.0)", "error")]
    [DataRow("pow(2)", "error")]
    public void Pow_Arguments_IntegerOrReal(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("quantize(3, 8)", "8")]
    [DataRow("quantize(3, 2)", "4")]
    [DataRow("quantize(0, 4)", "0")]
    [DataRow("quantize(1.5, 6.8)", "6.800000000000000E+00")]
    [DataRow("quantize(10, 5.1)", "1.020000000000000E+01")]
    [DataRow("quantize(0, {4})", "4")]
    [DataRow("quantize(2, {1, 2, \"A\"})", "2")]
    [DataRow("quantize(3, {1, 2, 0.5})", "3.000000000000000E+00")]
    [DataRow("quantize(2.7, {1, 2, 0.5})", "3.000000000000000E+00")]
    [DataRow("quantize(3, {1, 2, \"A\"})", "error")]
    [DataRow("quantize(\"3\", 2)", "4.000000000000000E+00")] // strings convert to reals (convertValueToRealValue)
    [DataRow("quantize(3, undefined)", "error")]
    public void Quantize_ManualExamples_Hold(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("random(10) >= 0 && random(10) < 10", "true")]
    [DataRow("isInteger(random(10))", "true")]
    [DataRow("isReal(random())", "true")]
    [DataRow("random(2.5) < 2.5", "true")]
    [DataRow("random(0)", "error")]
    [DataRow("random(\"x\")", "error")]
    [DataRow("random(1, 2)", "error")]
    public void Random_Bounds_WithinInterval(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
