namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class EnvFunctionsTests
{
    [TestMethod]
    [DataRow("envV1ToV2(\"B=2;A=1\")", "\"A=1 B=2\"")]
    [DataRow("envV1ToV2(\"A=x y;B='q'\")", "\"A=x' 'y B=''''q''''\"")]
    [DataRow("envV1ToV2(\"|A=1|B=2;3\")", "\"A=1 B=2;3\"")]
    [DataRow("envV1ToV2(\"\")", "\"\"")]
    [DataRow("envV1ToV2(undefined)", "undefined")]
    [DataRow("envV1ToV2(\"=1\")", "error")]
    [DataRow("envV1ToV2(\"NOVALUE\")", "error")]
    [DataRow("envV1ToV2(1)", "error")]
    [DataRow("envV1ToV2()", "error")]
    public void EnvV1ToV2_Environments_Convert(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("mergeEnvironment(\"A=1 B=2\", \"B=3\")", "\"A=1 B=3\"")]
    [DataRow("mergeEnvironment(undefined, \"A='x y'\")", "\"A=x' 'y\"")]
    [DataRow("mergeEnvironment(envV1ToV2(undefined), \"FOO=BAR\")", "\"FOO=BAR\"")]
    [DataRow("mergeEnvironment(\"A='it''s'\")", "\"A=it''''s\"")]
    [DataRow("mergeEnvironment()", "\"\"")]
    [DataRow("mergeEnvironment(\"A='open\")", "error")]
    [DataRow("mergeEnvironment(\"A=1\", 2)", "error")]
    public void MergeEnvironment_Environments_LaterWins(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
