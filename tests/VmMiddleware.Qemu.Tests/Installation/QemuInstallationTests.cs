using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class QemuInstallationTests
{
    [TestMethod]
    public void CreateStartInfo_DefaultNiceness_RunsTheEmulatorItself()
    {
        var info = new QemuInstallation("/usr/bin/qemu-system-x86_64", null, null, null, null).CreateStartInfo(["-nodefaults"]);

        Assert.AreEqual("/usr/bin/qemu-system-x86_64", info.FileName);
        CollectionAssert.AreEqual(new[] { "-nodefaults" }, info.ArgumentList.ToArray());
    }

    [TestMethod]
    public void CreateStartInfo_Niceness_RunsTheEmulatorThroughNice()
    {
        var info = new QemuInstallation("/usr/bin/qemu-system-x86_64", null, null, null, "/fw") { Niceness = 10 }.CreateStartInfo(["-nodefaults"]);

        Assert.AreEqual("nice", Path.GetFileName(info.FileName));
        CollectionAssert.AreEqual(new[] { "-n", "10", "/usr/bin/qemu-system-x86_64", "-L", "/fw", "-nodefaults" }, info.ArgumentList.ToArray());
    }

    [TestMethod]
    public void CreateStartInfo_NicenessWithBundleLoader_NiceRunsTheLoader()
    {
        var info = new QemuInstallation("/b/qemu-system-x86_64", "/b/ld-linux.so", "/b/lib", null, null) { Niceness = 25 }.CreateStartInfo([]);

        Assert.AreEqual("nice", Path.GetFileName(info.FileName));
        CollectionAssert.AreEqual(new[] { "-n", "19", "/b/ld-linux.so", "--library-path", "/b/lib", "/b/qemu-system-x86_64" }, info.ArgumentList.ToArray());
    }

    [TestMethod]
    public void CreateStartInfo_IdleScheduling_ChrtRunsTheEmulatorAndQemuImgUnderSchedIdle()
    {
        var qemu = new QemuInstallation("/usr/bin/qemu-system-x86_64", null, null, null, null) { IdleScheduling = true, Niceness = 10 };

        var info = qemu.CreateStartInfo(["-nodefaults"]);

        Assert.AreEqual("chrt", Path.GetFileName(info.FileName));
        CollectionAssert.AreEqual(new[] { "--idle", "0", "/usr/bin/qemu-system-x86_64", "-nodefaults" }, info.ArgumentList.ToArray());
        Assert.IsTrue(qemu.ImageToolOptions().IdleScheduling);
        Assert.IsFalse((qemu with { IdleScheduling = false }).ImageToolOptions().IdleScheduling);
    }
}
