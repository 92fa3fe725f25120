namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class UserFunctionsTests
{
    [TestMethod]
    [DataRow("userHome(\"root\")", "undefined")]
    [DataRow("userHome(\"root\", \"/home/default\")", "\"/home/default\"")]
    [DataRow("userHome(undefined)", "undefined")]
    [DataRow("userHome(1)", "error")]
    [DataRow("userHome(1, \"/d\")", "\"/d\"")]
    [DataRow("userHome()", "error")]
    public void UserHome_DisabledAsByDefault_DefaultOrUndefined(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("userMap(\"groups\", \"alice\")", "undefined")]
    [DataRow("userMap(\"groups\", \"alice\", \"physics\")", "undefined")]
    [DataRow("userMap(\"groups\", \"alice\", \"physics\", \"none\")", "\"none\"")]
    [DataRow("userMap(\"groups\", error)", "error")]
    [DataRow("userMap(\"groups\")", "error")]
    public void UserMap_NoMapConfigured_NotFound(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
