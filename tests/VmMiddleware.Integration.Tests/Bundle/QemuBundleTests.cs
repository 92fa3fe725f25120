using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Integration.Tests.Bundle;

/// <summary>Packing this host's real QEMU.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class QemuBundleTests
{
    [TestMethod]
    public void Create_RealQemu_ListsBinariesLoaderLibcTcgModuleAndFirmware()
    {
        var paths = BuiltBundle.Manifest.Files.Select(f => f.Path).ToList();

        foreach (var expected in new[]
        {
            "bin/qemu-system-x86_64", "bin/qemu-img", "lib/ld-linux-x86-64.so.2", "lib/libc.so.6", "lib/libglib-2.0.so.0",
            "lib/qemu/accel-tcg-x86_64.so", "share/qemu/bios-256k.bin", "share/qemu/pvh.bin", "share/qemu/linuxboot_dma.bin", "share/qemu/kvmvapic.bin",
        })
        {
            CollectionAssert.Contains(paths, expected);
        }

        StringAssert.StartsWith(BuiltBundle.Manifest.QemuVersion, "QEMU emulator version");
        Assert.AreEqual(BundleManifest.CurrentFormat, BuiltBundle.Manifest.Format);
        CollectionAssert.AreEqual(paths.Order(StringComparer.Ordinal).ToList(), paths);
    }

    [TestMethod]
    public async Task CreateAsync_Twice_GivesByteIdenticalArchives()
    {
        var again = Path.Combine(Path.GetDirectoryName(BuiltBundle.Archive)!, "again.tar.gz");

        await BuiltBundle.Pack(again);

        CollectionAssert.AreEqual(File.ReadAllBytes(BuiltBundle.Archive), File.ReadAllBytes(again));
    }

    [TestMethod]
    public void Extract_ThenOpen_GivesInstallationWhoseFilesExist()
    {
        var dir = Path.Combine(Directory.CreateTempSubdirectory("vmgrid-extract-").FullName, "qemu");
        try
        {
            var installation = QemuBundle.Extract(BuiltBundle.Archive, dir);

            Assert.AreEqual(installation, QemuBundle.Open(dir));
            Assert.IsTrue(File.Exists(installation.Binary));
            Assert.IsTrue(File.Exists(installation.Loader));
            Assert.IsTrue(File.Exists(Path.Combine(installation.ModuleDir!, "accel-tcg-x86_64.so")));
            Assert.IsTrue(File.Exists(Path.Combine(installation.FirmwareDir!, "bios-256k.bin")));
            Assert.IsTrue(File.Exists(QemuBundle.QemuImgOf(installation)));
            Assert.ThrowsExactly<IOException>(() => QemuBundle.Extract(BuiltBundle.Archive, dir));
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(dir)!, recursive: true);
        }
    }
}
