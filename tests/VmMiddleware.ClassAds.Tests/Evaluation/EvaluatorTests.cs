using VmMiddleware.ClassAds.Evaluation;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Tests.Functions;

namespace VmMiddleware.ClassAds.Tests.Evaluation;

[TestClass]
public sealed class EvaluatorTests
{
    private static string Eval(string expr, ClassAd? scope = null, ClassAd? target = null) =>
        Unparser.Unparse(Evaluator.Evaluate(ExpressionParser.Parse(expr), scope, target));

    [TestMethod]
    [DataRow("1 + 2", "3")]
    [DataRow("7 / 2", "3")]
    [DataRow("7 / 2.0", "3.500000000000000E+00")]
    [DataRow("7 % 3", "1")]
    [DataRow("7.0 % 3", "error")]
    [DataRow("1 / 0", "error")]
    [DataRow("1.0 / 0", "error")]
    [DataRow("-1.0 / 0", "real(\"-INF\")")]
    [DataRow("true + 1", "2")]
    [DataRow("\"a\" + 1", "error")]
    [DataRow("undefined + 1", "undefined")]
    [DataRow("error + undefined", "error")]
    [DataRow("\"ABC\" == \"abc\"", "true")]
    [DataRow("\"ABC\" =?= \"abc\"", "false")]
    [DataRow("\"ABC\" is \"ABC\"", "true")]
    [DataRow("1 == 1.0", "true")]
    [DataRow("1 is 1.0", "false")]
    [DataRow("undefined == 1", "undefined")]
    [DataRow("undefined is undefined", "true")]
    [DataRow("error isnt error", "false")]
    [DataRow("\"a\" < 1", "error")]
    [DataRow("true == 1", "true")]
    [DataRow("false || undefined", "undefined")]
    [DataRow("undefined && false", "false")]
    [DataRow("true || error", "true")]
    [DataRow("error || true", "error")]
    [DataRow("1 && true", "true")]
    [DataRow("\"x\" && true", "error")]
    [DataRow("!undefined", "undefined")]
    [DataRow("!1", "false")]
    [DataRow("~5", "-6")]
    [DataRow("-true", "error")]
    [DataRow("+\"a\"", "error")]
    [DataRow("undefined ? 1 : 2", "undefined")]
    [DataRow("0 ? 1 : 2", "2")]
    [DataRow("\"s\" ? 1 : 2", "error")]
    [DataRow("undefined ?: 5", "5")]
    [DataRow("3 ?: 5", "3")]
    [DataRow("{1} =?= {1}", "error")] // operators.cpp doComparison: lists and ads are not compared, even by =?=
    [DataRow("[a = 1] =!= [a = 1]", "error")]
    [DataRow("[a = 1] =?= {1}", "false")]
    [DataRow("\"Hardlink\" ?: \"\" != \"Copy\"", "true")]
    [DataRow("undefined ?: 2 + 3", "5")]
    [DataRow("1 ?: 2 + 3", "4")]
    [DataRow("undefined ?: undefined ?: 7", "7")]
    [DataRow("undefined ? : 7", "7")]
    [DataRow("-8 >> 1", "-4")]
    [DataRow("-8 >>> 60", "15")]
    [DataRow("\"^a\" < \"B\"", "true")] // operators.cpp compareStrings: strcasecmp folds to lower case ('^' < 'b')
    [DataRow("\"_\" > \"A\"", "false")]
    [DataRow("10 >> 65", "5")] // operators.cpp doBitwise on x86-64: the count is taken mod 64
    [DataRow("1000000007 >>> 64", "1000000007")]
    [DataRow("-11 >> 10", "-1")]
    [DataRow("{ 1, 2 }[4294967297]", "2")] // the index is read as a 32-bit int
    [DataRow("1 << 3", "8")]
    [DataRow("6 & 3 | 8 ^ 1", "11")]
    [DataRow("{1, 2}[1]", "2")]
    [DataRow("{1, 2}[2]", "error")]
    [DataRow("[a = 1][\"a\"]", "1")]
    [DataRow("[a = 1][\"b\"]", "undefined")]
    [DataRow("[a = 1; b = a + 1].b", "2")]
    [DataRow("[a = [b = c]; c = 7].a.b", "7")]
    [DataRow("{[a = 1], [a = 2], 3}.a", "{ 1,2,error }")]
    [DataRow("5K", "5.120000000000000E+03")]
    [DataRow("9223372036854775807 + 1", "-9223372036854775808")]
    public void Evaluate_Expression_FollowsHTCondorSemantics(string expr, string expected)
    {
        Assert.AreEqual(expected, Eval(expr));
    }

    [TestMethod]
    public void Evaluate_SubscriptOfListLiteralInFreeExpression_ElementsHaveNoScope()
    {
        // exprList.cpp GetValueAt evaluates the element in its own parent scope, which a parsed expression evaluated in
        // an ad (ClassAd::EvaluateExpr) does not have; a list bound in the ad has the ad.
        var ad = ClassAd.Parse("[ m = -3; l = { m } ]");
        Assert.AreEqual("undefined", Unparser.Unparse(ad.Evaluate(ExpressionParser.Parse("{ m }[0]"))));
        Assert.AreEqual("-3", Unparser.Unparse(ad.Evaluate(ExpressionParser.Parse("l[0]"))));
        Assert.AreEqual("true", Unparser.Unparse(ad.Evaluate(ExpressionParser.Parse("member(-3, { m })"))));
        Assert.AreEqual("-3", Unparser.Unparse(ad.Evaluate(ExpressionParser.Parse("[ k = { m }[0]; m = -3 ].k"))));
    }

    [TestMethod]
    [DataRow("unparse(MY.n)", "\"\"")] // fnCall.cpp unparse looks the reference's text ("MY.n") up in the ad
    [DataRow("unparse(n)", "\"m + 1\"")]
    [DataRow("unresolved(MY.n)", "\"m\"")] // AttributeReference::Deref follows MY
    [DataRow("absTime(\"2023-11-14T22:13:20Z\") + relTime(3725) / 0", "absTime(\"1955-10-27T18:59:12+00:00\")")] // (int) of the relative time
    public void Evaluate_InAd_AsHTCondor(string expression, string expected)
    {
        var ad = ClassAd.Parse("[ n = m + 1 ]");
        Assert.AreEqual(expected, Unparser.Unparse(ad.Evaluate(ExpressionParser.Parse(expression))).Replace("-00:00", "+00:00", StringComparison.Ordinal));
    }

    [TestMethod]
    public void Evaluate_SelfReference_IsUndefinedNotStackOverflow()
    {
        // attrrefs.cpp AttributeReference::_Evaluate: a reference to an expression already being evaluated is UNDEFINED.
        var ad = ClassAd.Parse("[ a = a + 1; b = c; c = b; d = [ e = d.e ].e ]");
        Assert.AreEqual("undefined", Unparser.Unparse(ad.EvaluateAttribute("a")));
        Assert.AreEqual("undefined", Unparser.Unparse(ad.EvaluateAttribute("b")));
        Assert.AreEqual("undefined", Unparser.Unparse(ad.EvaluateAttribute("d")));
    }

    [TestMethod]
    public void Evaluate_LongReferenceChain_EndsAsErrorWithinBudget()
    {
        var ad = new ClassAd();
        for (var i = 0; i < 50_000; i++)
        {
            ad.InsertExpression("a" + i, "a" + (i + 1) + " + 1");
        }

        ad.InsertExpression("a50000", "0");
        Assert.AreEqual("error", Unparser.Unparse(ad.EvaluateAttribute("a0")));
        Assert.AreEqual("10", Unparser.Unparse(ad.EvaluateAttribute("a49990")));
    }

    [TestMethod]
    public void Evaluate_MyAndTarget_ResolveAgainstTheTwoAds()
    {
        var job = ClassAd.Parse("[ Memory = 1; RequestMemory = 2048; r = TARGET.Memory >= MY.RequestMemory; u = Cpus; p = MY.Memory ]");
        var machine = ClassAd.Parse("[ Memory = 4096; Cpus = 8 ]");
        Assert.AreEqual("true", Unparser.Unparse(Evaluator.EvaluateAttribute(job, "r", machine)));
        Assert.AreEqual("8", Unparser.Unparse(Evaluator.EvaluateAttribute(job, "u", machine)), "unqualified names fall back to TARGET");
        Assert.AreEqual("1", Unparser.Unparse(Evaluator.EvaluateAttribute(job, "p", machine)));
        Assert.AreEqual("undefined", Unparser.Unparse(Evaluator.EvaluateAttribute(job, "u", null)));
    }

    [TestMethod]
    public void Evaluate_TargetAttributeReferringToItsOwnAd_UsesThatAdsScope()
    {
        var job = ClassAd.Parse("[ x = TARGET.y; z = 1 ]");
        var machine = ClassAd.Parse("[ y = MY.w * 10 + TARGET.z; w = 4 ]");
        Assert.AreEqual("41", Unparser.Unparse(Evaluator.EvaluateAttribute(job, "x", machine)));
    }

    [TestMethod]
    public void Evaluate_ParentAndAbsoluteReferences_ReachEnclosingAds()
    {
        var ad = ClassAd.Parse("[ x = 1; inner = [ x = 2; p = parent.x; a = .x; own = x ] ]");
        Assert.AreEqual("1", Eval("inner.p", ad));
        Assert.AreEqual("1", Eval("inner.a", ad));
        Assert.AreEqual("2", Eval("inner.own", ad));
    }

    [TestMethod]
    public void Evaluate_GivenClock_TimeFunctionsReadItAndNothingElse()
    {
        var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1714979289), TimeSpan.FromHours(2));
        var expr = ExpressionParser.Parse("strcat(time(), \" \", formatTime(0, \"%H\"), \" \", eval(\"time()\"))");
        Assert.AreEqual("\"1714979289 02 1714979289\"", Unparser.Unparse(Evaluator.Evaluate(expr, null, null, clock)));

        // The clock belonged to that evaluation only: the next one without a clock reads the system's.
        var now = Evaluator.Evaluate(ExpressionParser.Parse("time()"), null, null).AsInteger;
        Assert.IsTrue(Math.Abs(now - DateTimeOffset.UtcNow.ToUnixTimeSeconds()) < 3600, "time() without a clock: " + now);
    }

    [TestMethod]
    public void Evaluate_ParallelEvaluationsWithTheirOwnClocks_NeverSeeEachOthers()
    {
        // What the static FunctionClock made impossible: each thread evaluates with its own clock at the same time.
        var expr = ExpressionParser.Parse("time()");
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
        {
            var clock = new FixedTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1000 * i), TimeSpan.Zero);
            for (var n = 0; n < 2000; n++)
            {
                Assert.AreEqual(1000L * i, Evaluator.Evaluate(expr, null, null, clock).AsInteger);
            }
        });
    }

    [TestMethod]
    public void Parse_GivenClock_AbsTimeWithoutZoneReadInItsZone()
    {
        var east = new FixedTimeProvider(DateTimeOffset.UnixEpoch, TimeSpan.FromHours(3));
        Assert.AreEqual("absTime(\"2004-01-01T00:00:00+03:00\")", ExpressionParser.Parse("absTime(\"2004-01-01\")", clock: east).ToString());
        var ad = ClassAd.Parse("T = absTime(\"2004-01-01\")\n", clock: east);
        Assert.AreEqual("absTime(\"2004-01-01T00:00:00+03:00\")", Unparser.Unparse(ad.EvaluateAttribute("T")));
    }
}
