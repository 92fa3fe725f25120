using VmMiddleware.Qemu.Disks;
using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Tests.Disks;

[TestClass]
public sealed class ImageChainOptionsTests
{
    [TestMethod]
    public void For_TwoLayerChain_NamesEveryBackingExplicitly()
    {
        var options = ImageChainOptions.For("/w/vm/boot.qcow2", [new ImageLayer("/cache/top", "qcow2"), new ImageLayer("/cache/a,b", "raw")]);

        Assert.AreEqual(
            "driver=qcow2,file.driver=file,file.filename=/w/vm/boot.qcow2,backing.driver=qcow2,backing.file.driver=file,backing.file.filename=/cache/top,"
            + "backing.backing.driver=raw,backing.backing.file.driver=file,backing.backing.file.filename=/cache/a,,b",
            options);
    }
}
