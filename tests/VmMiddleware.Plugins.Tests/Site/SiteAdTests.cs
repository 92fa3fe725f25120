using VmMiddleware.ClassAds;
using VmMiddleware.Plugins.Site;

namespace VmMiddleware.Plugins.Tests.Site;

[TestClass]
public sealed class SiteAdTests
{
    [TestMethod]
    public void Format_Attributes_ParseAsAClassAd()
    {
        var ad = ClassAd.ParseOldSyntax(new SiteAd("1.2.3", "7.2.22", "tcg", 2048, ["a", "b"]).Format());

        Assert.IsTrue(ad.EvaluateAttribute("HasVmMiddleware").AsBoolean);
        Assert.AreEqual("7.2.22", ad.EvaluateAttribute("QemuVersion").AsString);
        Assert.AreEqual("tcg", ad.EvaluateAttribute("QemuAccelerator").AsString);
        Assert.AreEqual(2048L, ad.EvaluateAttribute("VmMiddlewareMaxMemory").AsInteger);
        Assert.IsTrue(ad.Evaluate("stringListMember(\"b\", VmMiddlewareCachedLayers)").AsBoolean);
    }

    [TestMethod]
    public void Format_NoQemu_HasVmMiddlewareFalseWithTheProblem()
    {
        var ad = ClassAd.ParseOldSyntax(new SiteAd("1", null, "tcg", 1, []) { Problem = "qemu-system-x86_64 is not on PATH" }.Format());

        Assert.IsFalse(ad.EvaluateAttribute("HasVmMiddleware").AsBoolean);
        Assert.IsFalse(ad.Contains("QemuVersion"));
        StringAssert.Contains(ad.EvaluateAttribute("VmMiddlewareProblem").AsString, "not on PATH");
    }

    [TestMethod]
    [DataRow("QEMU emulator version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18)\nCopyright", "7.2.22")]
    [DataRow("QEMU emulator version 9.1.0\n", "9.1.0")]
    [DataRow("something else\n", null)]
    public void ParseQemuVersion_FirstLine_Number(string output, string? version) => Assert.AreEqual(version, SiteAd.ParseQemuVersion(output));

    [TestMethod]
    public void MemTotalMiB_Meminfo_MiB() => Assert.AreEqual(24105L, SiteAd.MemTotalMiB("MemFree: 1 kB\nMemTotal:       24683520 kB\n"));
}
