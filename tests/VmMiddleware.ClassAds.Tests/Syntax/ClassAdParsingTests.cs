using VmMiddleware.ClassAds.Syntax;

namespace VmMiddleware.ClassAds.Tests.Syntax;

[TestClass]
public sealed class ClassAdParsingTests
{
    [TestMethod]
    public void Parse_OldSyntax_ReadsOneAttributePerLine()
    {
        var ad = ClassAd.Parse("A = 1\n# comment\nB = \"x\\\"y\"\r\nC = A + 1\n\n");
        Assert.AreEqual(3, ad.Count);
        Assert.AreEqual("x\"y", ad.EvaluateAttribute("b").AsString);
        Assert.AreEqual(2L, ad.EvaluateAttribute("C").AsInteger);
    }

    [TestMethod]
    public void Parse_OldSyntaxThenManyInserts_TableGrowsPastTheLineCountEstimate()
    {
        var ad = ClassAd.Parse(string.Join("\n", Enumerable.Range(0, 5).Select(i => "P" + i + " = " + i)));
        for (var i = 0; i < 500; i++)
        {
            ad.InsertExpression("Q" + i, "P1 + " + i);
        }

        Assert.AreEqual(505, ad.Count);
        Assert.AreEqual(4L, ad.EvaluateAttribute("p4").AsInteger);
        Assert.AreEqual(500L, ad.EvaluateAttribute("q499").AsInteger);
        Assert.IsNull(ad.Lookup("Q500"));
    }

    [TestMethod]
    public void Parse_NewSyntax_AllowsExtraSemicolonsAndCaseInsensitiveNames()
    {
        var ad = ClassAd.Parse("[ ;; a = 3;; B = 4;; ]");
        Assert.AreEqual(3L, ad.EvaluateAttribute("A").AsInteger);
        Assert.AreEqual(4L, ad.EvaluateAttribute("b").AsInteger);
    }

    [TestMethod]
    public void Parse_OldSyntaxBadLine_NamesLineAndColumn()
    {
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => ClassAd.Parse("A = 1\nB = (2\n", "job.ad"));
        Assert.AreEqual("job.ad: line 2, column 7: unexpected end of input, expected ')'", e.Message);
    }

    [TestMethod]
    public void Parse_OldSyntaxLineWithoutEquals_IsAnError()
    {
        var e = Assert.ThrowsExactly<ClassAdParseException>(() => ClassAd.Parse("A = 1\njunk\n"));
        Assert.AreEqual(2, e.Line);
    }

    [TestMethod]
    public void Parse_ConformanceAds_NewAndOldSyntaxAgree()
    {
        foreach (var kind in new[] { "job", "machine" })
        {
            var oldAd = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/" + kind + ".old.ad")));
            var newAd = ClassAd.Parse(File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/" + kind + ".new.ad")));
            Assert.AreEqual(oldAd.Count, newAd.Count, kind);
            Assert.AreEqual(newAd.ToString(), oldAd.ToString(), kind);
        }
    }

    [TestMethod]
    public void Unparse_ConformanceAds_ReproducesHTCondorText()
    {
        foreach (var kind in new[] { "job", "machine" })
        {
            var newText = File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/" + kind + ".new.ad")).TrimEnd('\n');
            // condor_q -long ends each ad with an empty line.
            var oldText = File.ReadAllText(Conformance.ConformanceFiles.PathOf("ads/" + kind + ".old.ad")).TrimEnd('\n') + "\n";
            var ad = ClassAd.Parse(newText);
            Assert.AreEqual(newText, ad.ToString(), kind + " new syntax");
            Assert.AreEqual(oldText, VmMiddleware.ClassAds.Printing.Unparser.UnparseOld(ad), kind + " old syntax");
        }
    }

    [TestMethod]
    public void ParseNewSyntaxSequence_AdsWithSpaceAndComments_EachAd()
    {
        var ads = ClassAd.ParseNewSyntaxSequence("[ a = 1 ]\n// note\n[ b = [ c = 2 ]; ]  [ ]\n   ");

        Assert.AreEqual(3, ads.Count);
        Assert.AreEqual(1L, ads[0].EvaluateAttribute("a").AsInteger);
        Assert.AreEqual(2L, ads[1].Evaluate("b.c").AsInteger);
        Assert.AreEqual(0, ads[2].Count);
    }

    [TestMethod]
    public void ParseNewSyntaxSequence_SecondAdBroken_LineAndColumnOfTheError()
    {
        var e = Assert.ThrowsExactly<VmMiddleware.ClassAds.Syntax.ClassAdParseException>(() => ClassAd.ParseNewSyntaxSequence("[ a = 1 ]\n[ b = ]", "in.ads"));

        Assert.AreEqual(2, e.Line);
        StringAssert.Contains(e.Message, "in.ads");
    }
}
