namespace VmMiddleware.ClassAds.Tests.Functions;

[TestClass]
public sealed class EvalFunctionsTests
{
    [TestMethod]
    [DataRow("eval(\"1+1\")", "2")]
    [DataRow("eval(strcat(\"1\", \"+\", 2))", "3")]
    [DataRow("[ slot15_State = \"Busy\"; SlotID = 5; s = eval(strcat(\"slot\", SlotID + 10, \"_State\")) ].s", "\"Busy\"")]
    [DataRow("[ A = 1; B = 2; C = eval(\"A+B\") ].C", "3")]
    [DataRow("[ X = eval(\"X\") ].X", "undefined")] // attrrefs.cpp: an attribute met again up the stack is UNDEFINED
    [DataRow("eval(\"1+\")", "error")]
    [DataRow("eval(undefined)", "error")]
    [DataRow("eval(\"undefined\")", "undefined")]
    [DataRow("eval()", "error")]
    public void Eval_Strings_EvaluateInCurrentScope(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("[ x = a + 3; a = 1; u = unparse(x) ].u", "\"a + 3\"")]
    [DataRow("[ x = \"s\"; u = unparse(x) ].u", "\"\\\"s\\\"\"")]
    [DataRow("[ u = unparse(missing) ].u", "\"\"")]
    [DataRow("[ x = { 1, [ b = 2; a = 1 ] }; u = unparse(x) ].u", "\"\\n   {\\n      1,\\n      \\n          [\\n              a = 1; \\n              b = 2\\n          ]\\n   }\"")] // sink.cpp PrettyPrint
    [DataRow("[ x = 1; u = unparse(x + 1) ].u", "error")]
    [DataRow("[ x = 1; u = unparse(x, x) ].u", "error")]
    public void Unparse_References_PrintUnevaluated(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("[ Requirements = OpSys == \"LINUX\" && TARGET.Arch == \"ARM\" && Cpus >= RequestCpus; RequestCpus = 1; u = unresolved(Requirements) ].u",
        "\"Arch,Cpus,OpSys\"")]
    [DataRow("[ R = OpSys == \"LINUX\" && Arch == \"ARM\"; u = unresolved(R, \"^OpSys\") ].u", "true")]
    [DataRow("[ R = OpSys == \"LINUX\" && Arch == \"ARM\"; u = unresolved(R, \"OpSys.+\") ].u", "false")]
    [DataRow("[ R = a + b; b = c * 2; u = unresolved(R) ].u", "\"a,c\"")]
    [DataRow("[ u = unresolved(Missing) ].u", "undefined")]
    [DataRow("[ R = 1; u = unresolved(R, \"(\") ].u", "error")]
    [DataRow("unresolved(\"R\")", "error")]
    public void Unresolved_References_External(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("evalInEachContext(Prio > 2, { [Prio=3;], [Prio=1;] })", "{ true,false }")]
    [DataRow("evalInEachContext(Prio, { [Prio=3;], [Prio=1;] })", "{ 3,1 }")]
    [DataRow("evalInEachContext(Prio > 2, { [Prio=3;], UNDEFINED })", "{ true,undefined }")] // compat_classad.cpp evaluateInContext
    [DataRow("evalInEachContext(Prio > 2, { [Prio=3;], 7 })", "{ true,error }")]
    [DataRow("evalInEachContext(Prio > 2, UNDEFINED)", "undefined")]
    [DataRow("evalInEachContext(Prio > 2)", "error")]
    [DataRow("[ Want = Capability > 4; Gpus = { [Capability = 4.0], [Capability = 5.5] }; r = evalInEachContext(Want, Gpus) ].r", "{ false,true }")]
    public void EvalInEachContext_Ads_ListOfResults(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("countMatches(Prio > 2, { [Prio=3;], [Prio=1;] })", "1")]
    [DataRow("countMatches(Prio > 2, { [Prio=3;], UNDEFINED })", "1")]
    [DataRow("countMatches(Prio > 2, UNDEFINED)", "0")]
    [DataRow("countMatches(Prio > 2, ERROR)", "error")]
    [DataRow("countMatches(Prio > 2, 5)", "error")]
    [DataRow("[ Want = Capability > 4; Gpus = { [Capability = 4.0], [Capability = 5.5], [Capability = 6] }; n = countMatches(Want, Gpus) ].n", "2")]
    [DataRow("countMatches(Prio)", "error")]
    public void CountMatches_Ads_CountTrue(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));

    [TestMethod]
    [DataRow("debug(1 + 2)", "3")]
    [DataRow("debug(undefined)", "undefined")]
    [DataRow("debug()", "error")]
    public void Debug_Expression_ReturnsValue(string expression, string expected) =>
        Assert.AreEqual(expected, ClassAdEval.Eval(expression));
}
