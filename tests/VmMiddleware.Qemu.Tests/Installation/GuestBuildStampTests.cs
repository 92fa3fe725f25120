using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class GuestBuildStampTests
{
    private string _dir = null!;
    private string _script = null!;
    private string _guest = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("vmgrid-stamp-").FullName;
        _script = Path.Combine(_dir, "build.sh");
        File.WriteAllText(_script, "#!/bin/bash\necho built\n");
        File.WriteAllText(Path.Combine(_dir, "init"), "#!/bin/sh\n");
        _guest = Path.Combine(_dir, "out", "guest-0123");
        Directory.CreateDirectory(_guest);
        foreach (var file in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline", "kernel-wait.cmdline", "manifest.json" })
        {
            File.WriteAllText(Path.Combine(_guest, file), file);
        }
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Read_AfterWriteWithSameSources_NamesTheGuest()
    {
        GuestBuildStamp.Write(_script, Path.Combine(_dir, "out"), _guest);

        Assert.AreEqual(_guest, GuestBuildStamp.Read(_script, Path.Combine(_dir, "out")));
    }

    [TestMethod]
    [DataRow("build.sh")]
    [DataRow("init")]
    public void Read_SourceChanged_Null(string changed)
    {
        GuestBuildStamp.Write(_script, Path.Combine(_dir, "out"), _guest);
        File.AppendAllText(Path.Combine(_dir, changed), "# changed\n");

        Assert.IsNull(GuestBuildStamp.Read(_script, Path.Combine(_dir, "out")));
    }

    [TestMethod]
    public void Read_GuestDirectoryIncomplete_Null()
    {
        GuestBuildStamp.Write(_script, Path.Combine(_dir, "out"), _guest);
        File.Delete(Path.Combine(_guest, "vmlinux"));

        Assert.IsNull(GuestBuildStamp.Read(_script, Path.Combine(_dir, "out")));
    }

    [TestMethod]
    public void Read_NoStamp_Null() => Assert.IsNull(GuestBuildStamp.Read(_script, Path.Combine(_dir, "out")));
}
