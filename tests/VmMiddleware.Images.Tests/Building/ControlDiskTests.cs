using VmMiddleware.Images.Building;

namespace VmMiddleware.Images.Tests.Building;

[TestClass]
public sealed class ControlDiskTests
{
    [TestMethod]
    public void Go_AfterCreate_SectorZeroHoldsCounterRestZero()
    {
        var path = Path.Combine(Path.GetTempPath(), "vmgrid-control-" + Guid.NewGuid().ToString("N") + ".img");
        try
        {
            ControlDisk.Create(path);
            ControlDisk.Go(path, 1);
            ControlDisk.Go(path, 12);

            var bytes = File.ReadAllBytes(path);
            Assert.HasCount(ControlDisk.SizeBytes, bytes);
            Assert.AreEqual("GO 12\n", System.Text.Encoding.ASCII.GetString(bytes, 0, 6));
            Assert.IsTrue(bytes.Skip(6).All(b => b == 0));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
