using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Printing;
using VmMiddleware.Submit.Transforms;

namespace VmMiddleware.Submit.Tests.Transforms;

/// <summary>The transform-language subset, statement by statement, as xform_utils.cpp's ParseRulesCallback applies it.</summary>
[TestClass]
public sealed class AdTransformTests
{
    private static readonly Dictionary<string, string> Config = new(StringComparer.OrdinalIgnoreCase) { ["SITE_LAUNCHER"] = "/opt/vmgrid", ["SITE_SLOTS"] = "4" };

    private static (ClassAd Ad, TransformResult Result) Apply(string rules, string ad = "Cmd = \"label\"\nJobUniverse = 13\nMemory = 512\nTransferOut = false\n")
    {
        var parsed = ClassAd.ParseOldSyntax(ad);
        var result = AdTransform.Apply(TransformRules.Parse(rules, "t"), parsed, name => Config.TryGetValue(name, out var value) ? value : null);
        return (parsed, result);
    }

    private static string Get(ClassAd ad, string name) => ad.Lookup(name) is { } expr ? Unparser.UnparseOld(expr) : "<absent>";

    [TestMethod]
    public void Set_MacroAndAdExpansion_ParsesTheExpandedExpression()
    {
        var (ad, result) = Apply("SET Label \"$(MY.Cmd)-x\"\nSET Cmd \"$(SITE_LAUNCHER)\"\nSET Twice $(MY.Memory) * 2\nSET Equals = 1 + 1\n");

        Assert.AreEqual(0, result.Errors.Count);
        Assert.AreEqual("\"/opt/vmgrid\"", Get(ad, "Cmd"));
        Assert.AreEqual("\"label-x\"", Get(ad, "Label"), "$(MY.attr) of a string is the string without its quotes");
        Assert.AreEqual("512 * 2", Get(ad, "Twice"));
        Assert.AreEqual("1 + 1", Get(ad, "Equals"), "a lone '=' between attribute and value is consumed");
    }

    [TestMethod]
    public void Default_AttributePresent_IsLeftAsItIs()
    {
        var (ad, _) = Apply("DEFAULT Memory 1024\nDEFAULT Disk 2048\n");

        Assert.AreEqual("512", Get(ad, "Memory"));
        Assert.AreEqual("2048", Get(ad, "Disk"));
    }

    [TestMethod]
    public void EvalSetAndEvalMacro_EvaluateInTheAdsScope()
    {
        var (ad, result) = Apply("EVALSET Double Memory * 2\nEVALMACRO Name = strcat(\"job-\", Cmd)\nSET Named \"$(Name)\"\nEVALMACRO Slots = $(SITE_SLOTS) + 1\nSET Count $(Slots)\nEVALSET Escaped regexps(\"l(a)b\", Cmd, \"\\\\1\")\n");

        Assert.AreEqual(0, result.Errors.Count, string.Join('\n', result.Errors));
        Assert.AreEqual("1024", Get(ad, "Double"), "EVALSET stores the value, not the expression");
        Assert.AreEqual("\"job-label\"", Get(ad, "Named"));
        Assert.AreEqual("5", Get(ad, "Count"));
        Assert.AreEqual("\"a\"", Get(ad, "Escaped"), "EVALSET reads its expression in new syntax, where \\\\ is one backslash");
    }

    [TestMethod]
    public void CopyRenameDelete_PlainAndRegex_MoveAttributes()
    {
        var (ad, result) = Apply("COPY Cmd OriginalCmd\nRENAME Memory VmMemory\nDELETE TransferOut\nCOPY /^(Job)(.*)$/ Orig\\2\nDELETE /^Orig/\n");

        Assert.AreEqual(0, result.Errors.Count);
        Assert.AreEqual("<absent>", Get(ad, "OriginalCmd"), "deleted by the last regex");
        Assert.AreEqual("<absent>", Get(ad, "Memory"));
        Assert.AreEqual("512", Get(ad, "VmMemory"));
        Assert.AreEqual("<absent>", Get(ad, "TransferOut"));
        Assert.AreEqual("13", Get(ad, "JobUniverse"));
        CollectionAssert.AreEquivalent(new[] { "Cmd", "JobUniverse", "VmMemory" }, ad.Names.ToArray());
    }

    [TestMethod]
    public void CopyRegex_CaptureGroups_NameTheCopies()
    {
        var (ad, _) = Apply("COPY /^Job(.+)$/ Was\\1\n");

        Assert.AreEqual("13", Get(ad, "WasUniverse"));
    }

    [TestMethod]
    public void IfElse_OnAnAttribute_TakesOneBranch()
    {
        var (ad, _) = Apply("if $(MY.TransferOut)\n  SET Branch 1\nelif defined SITE_SLOTS\n  SET Branch 2\nelse\n  SET Branch 3\nendif\n");

        Assert.AreEqual("2", Get(ad, "Branch"));
    }

    [TestMethod]
    public void Set_ExpressionThatDoesNotParse_IsSkippedAndReported()
    {
        var (ad, result) = Apply("SET Broken 1 +\nSET After 1\n");

        Assert.AreEqual("t(line 1): SET Broken invalid expression : 1 +", result.Errors.Single());
        Assert.AreEqual("1", Get(ad, "After"), "HTCondor logs a bad statement and goes on");
    }

    [TestMethod]
    [DataRow("FROB Memory 1\n", "t(line 1): FROB is not a valid transform keyword", DisplayName = "unknown keyword")]
    [DataRow("SET Memory\n", "t(line 1): SET needs 2 arguments", DisplayName = "one argument")]
    [DataRow("if true\nSET A 1\n", "t(line 1): if without a matching endif", DisplayName = "unclosed if")]
    public void Apply_BrokenRules_ThrowsNamingTheLine(string rules, string message)
    {
        var e = Assert.ThrowsExactly<TransformException>(() => Apply(rules));

        Assert.AreEqual(message, e.Message);
    }

    [TestMethod]
    public void Parse_EnvelopeStatements_AreTakenOutAndRequirementsDecide()
    {
        var rules = TransformRules.Parse("NAME VmTest\nREQUIREMENTS JobUniverse == 13\nUNIVERSE vanilla\nTRANSFORM\nSET A 1\nNAME = not-a-statement\n", "t");

        Assert.AreEqual("VmTest", rules.Name);
        Assert.AreEqual(2, rules.Statements.Count, "SET and the macro assignment NAME = ... stay");
        Assert.IsTrue(rules.Matches(ClassAd.ParseOldSyntax("JobUniverse = 13\n")));
        Assert.IsFalse(rules.Matches(ClassAd.ParseOldSyntax("JobUniverse = 5\n")));
        Assert.IsFalse(rules.Matches(new ClassAd()), "an undefined REQUIREMENTS is false");
    }

    [TestMethod]
    public void Parse_IteratingTransform_IsRefused()
    {
        var e = Assert.ThrowsExactly<TransformException>(() => TransformRules.Parse("TRANSFORM 3\nSET A 1\n", "t"));

        StringAssert.StartsWith(e.Message, "t(line 1): TRANSFORM 3: iterating transforms are not supported");
    }

    [TestMethod]
    public void ConfigText_HereDocumentAndSelfReference_AreReadRaw()
    {
        var config = CondorConfigText.Read("A = one\nA = $(A) two\nX @=end\n  SET B $(MY.C)\n@end\n# comment\nL = a \\\n  b\n", "c.config");

        Assert.AreEqual("one two", config["a"]);
        Assert.AreEqual("  SET B $(MY.C)", config["X"]);
        Assert.AreEqual("a b", config["L"]);
        Assert.ThrowsExactly<TransformException>(() => CondorConfigText.Read("include : other.config\n", "c.config"));
    }
}
