using System.Text;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Tests.Storage;

[TestClass]
public sealed class ImageHeaderTests
{
    private string _dir = null!;

    [TestInitialize]
    public void Setup() => _dir = Directory.CreateTempSubdirectory("vmgrid-header-").FullName;

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Read_RawBytes_RawWithFileLengthAsSize()
    {
        var path = Write("disk.img", new byte[3 * 512]);

        var header = ImageHeader.Read(path);

        Assert.AreEqual(new ImageHeader("raw", 1536, null, null), header);
    }

    [TestMethod]
    public void Read_Qcow2LayerWithRelativeBackingAndFormat_AbsoluteBackingBesideTheLayer()
    {
        var path = Write("top.qcow2", Qcow2HeaderBytes.Create(1L << 30, "base.raw", "raw"));

        var header = ImageHeader.Read(path);

        Assert.AreEqual(new ImageHeader("qcow2", 1L << 30, Path.Combine(_dir, "base.raw"), "raw"), header);
    }

    [TestMethod]
    public void Read_StandaloneQcow2_NoBacking()
    {
        var header = ImageHeader.Read(Write("a.qcow2", Qcow2HeaderBytes.Create(4096)));

        Assert.AreEqual(new ImageHeader("qcow2", 4096, null, null), header);
    }

    [TestMethod]
    [DataRow("KDMV", "vmdk")]
    [DataRow("# Disk DescriptorFile", "vmdk")]
    [DataRow("vhdxfile", "vhdx")]
    [DataRow("conectix", "vpc")]
    public void Read_OtherFormatMagic_FormatWithoutSize(string magic, string format)
    {
        var bytes = new byte[1024];
        Encoding.ASCII.GetBytes(magic).CopyTo(bytes, 0);

        var header = ImageHeader.Read(Write("x", bytes));

        Assert.AreEqual(format, header.Format);
        Assert.IsNull(header.VirtualSize);
    }

    [TestMethod]
    public void Read_VdiSignatureAt0x40_Vdi()
    {
        var bytes = new byte[1024];
        BitConverter.GetBytes(0xbeda107fu).CopyTo(bytes, 0x40);

        Assert.AreEqual("vdi", ImageHeader.Read(Write("x.vdi", bytes)).Format);
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
