using VmMiddleware.Qemu.Cache;

namespace VmMiddleware.Qemu.Tests.Cache;

[TestClass]
public sealed class QemuImgInspectorTests
{
    [TestMethod]
    public void Parse_Layer_ReturnsFullBackingFilename()
    {
        var json = """{ "virtual-size": 1048576, "filename": "/c/top.qcow2", "format": "qcow2", "backing-filename": "base.raw", "full-backing-filename": "/c/base.raw", "backing-filename-format": "raw" }""";

        var info = QemuImgInspector.Parse(json, "/c/top.qcow2");

        Assert.AreEqual(new ImageInfo("qcow2", "/c/base.raw"), info);
    }

    [TestMethod]
    public void Parse_OnlyRelativeBackingName_ResolvesAgainstImageDirectory()
    {
        var info = QemuImgInspector.Parse("""{ "format": "qcow2", "backing-filename": "base.raw" }""", "/images/top.qcow2");

        Assert.AreEqual("/images/base.raw", info.BackingFile);
    }

    [TestMethod]
    public void Parse_Raw_HasNoBacking()
    {
        var info = QemuImgInspector.Parse("""{ "format": "raw", "virtual-size": 512 }""", "/x.img");

        Assert.AreEqual(new ImageInfo("raw", null), info);
    }
}
