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
    public void RunEval_ParseErrorQuotingAnEscapedNewline_StillOneLine()
    {
        // Found by ClassAdEvalPropertyTests: the message quoted the name with its \n decoded, printing two lines.
        Assert.AreEqual("PARSE_ERROR line 1, column 3: unexpected name 'a\\nb', expected end of input\n2\n", Eval("1 'a\\nb'\n1 + 1\n"));
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

    [TestMethod]
    public void ReadAd_InvalidUtf8_RefusedNamingLineColumnAndByte()
    {
        // Was decoded to U+FFFD and read as if the file said so; submit and XML files already refused it.
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), "vmgrid-utf8-" + Guid.NewGuid().ToString("N") + ".ad"));
        try
        {
            File.WriteAllBytes(file.FullName, [.. "A = 1\nB = \"caf"u8, 0xC3, 0x28, .. "\"\n"u8]);
            var e = Assert.ThrowsExactly<UserErrorException>(() => ClassAdVerb.ReadAd(file));
            Assert.AreEqual(file.Name + ": line 2, column 9: byte 0xC3 is not valid UTF-8; expected UTF-8 text", e.Message);
        }
        finally
        {
            file.Delete();
        }
    }

    [TestMethod]
    public void ReadAd_Utf16WithByteOrderMark_ReadsAsBefore()
    {
        var file = new FileInfo(Path.Combine(Path.GetTempPath(), "vmgrid-utf16-" + Guid.NewGuid().ToString("N") + ".ad"));
        try
        {
            File.WriteAllText(file.FullName, "Name = \"caf\u00e9\"\n", new System.Text.UnicodeEncoding(bigEndian: false, byteOrderMark: true));
            Assert.AreEqual("caf\u00e9", ClassAdVerb.ReadAd(file).EvaluateAttribute("Name").AsString);
        }
        finally
        {
            file.Delete();
        }
    }
}
