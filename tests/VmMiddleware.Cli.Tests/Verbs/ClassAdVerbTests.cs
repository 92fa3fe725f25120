using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Tests.Conformance;
using VmMiddleware.Cli.Verbs;

namespace VmMiddleware.Cli.Tests.Verbs;

[TestClass]
public sealed class ClassAdVerbTests
{
    private static string Eval(string input, ClassAd? scope = null)
    {
        using var reader = new StringReader(input);
        using var writer = new StringWriter();
        writer.NewLine = "\n";
        ClassAdVerb.RunEval(reader, writer, scope);
        return writer.ToString();
    }

    [TestMethod]
    public void RunEval_OneValuePerLine_PrintedAsHTCondor()
    {
        Assert.AreEqual("3\n3.333333333333333E+00\n{ 1,2 }\nundefined\nerror\n\"x\"\n", Eval("1 + 2\n10 / 3.0\n{1, 2}\nfoo\n1/0\n\"x\"\n"));
    }

    [TestMethod]
    public void RunEval_UnparsableLine_PrintsParseErrorWithPosition()
    {
        Assert.AreEqual("PARSE_ERROR line 1, column 4: unexpected end of input, expected an expression\n7\n", Eval("1 +\n7\n"));
    }

    [TestMethod]
    public void RunEval_WithAd_EvaluatesInItsScope()
    {
        var ad = ClassAd.Parse("Memory = 2048\nCpus = 4\n");
        Assert.AreEqual("true\n8192\n", Eval("Memory >= 1024 && Cpus > 2\nMY.Memory * 4\n", ad));
    }

    [TestMethod]
    [DataRow("new")]
    [DataRow("old")]
    public void RunMatch_RealPoolJobAndSlot_PrintsMatchWithHTCondorsRanks(string syntax)
    {
        // What HTCondor 25.14 decides for the real pool's idle job and partitionable slot.
        var job = ClassAdVerb.ReadAd(new FileInfo(ConformanceFiles.PathOf("ads/job." + syntax + ".ad")));
        var machine = ClassAdVerb.ReadAd(new FileInfo(ConformanceFiles.PathOf("ads/machine." + syntax + ".ad")));
        using var writer = new StringWriter();
        writer.NewLine = "\n";
        ClassAdVerb.RunMatch(job, machine, writer);
        Assert.AreEqual("match\n93\n0.0\n", writer.ToString());
    }

    [TestMethod]
    public void RunEval_RelativeTimeOfNaN_PrintsAsHTCondorAndGoesOn()
    {
        // Issue 10: this line of the oracle corpus made eval die, so no later line was printed.
        var scope = ClassAdVerb.ReadAd(new FileInfo(ConformanceFiles.PathOf("oracle/scope.ad")));
        Assert.AreEqual("relTime(\"-24855+-3:-14:-nan\")\n2\n", Eval("(RT) / ((MY.n)%(ad.x))\n1 + 1\n", scope));
    }
}
