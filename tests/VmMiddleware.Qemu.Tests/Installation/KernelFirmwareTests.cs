using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Tests.Installation;

[TestClass]
public sealed class KernelFirmwareTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-firmware-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void For_BundleFirmwareDirWithQboot_Qboot()
    {
        File.WriteAllBytes(Path.Combine(_dir, "qboot.rom"), new byte[65536]);

        Assert.AreEqual("qboot.rom", KernelFirmware.For(new QemuInstallation("/b/qemu-system-x86_64", null, null, null, _dir)));
    }

    [TestMethod]
    public void For_BundleFirmwareDirWithoutQboot_DefaultFirmware()
    {
        File.WriteAllBytes(Path.Combine(_dir, "bios-256k.bin"), new byte[262144]);

        Assert.IsNull(KernelFirmware.For(new QemuInstallation("/b/qemu-system-x86_64", null, null, null, _dir)));
    }

    [TestMethod]
    public void HasFirmware_InstallationPrefixShareQemu_Found()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "bin"));
        Directory.CreateDirectory(Path.Combine(_dir, "share", "qemu"));
        File.WriteAllBytes(Path.Combine(_dir, "share", "qemu", "custom.rom"), [1]);

        var qemu = new QemuInstallation(Path.Combine(_dir, "bin", "qemu-system-x86_64"), null, null, null, null);

        Assert.IsTrue(qemu.HasFirmware("custom.rom"));
        Assert.IsFalse(qemu.HasFirmware("absent.rom"));
    }
}
