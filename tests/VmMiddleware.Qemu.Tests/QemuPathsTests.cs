namespace VmMiddleware.Qemu.Tests;

[TestClass]
public sealed class QemuPathsTests
{
    [TestMethod]
    public void CacheRoot_Default_EndsInVmMiddleware()
    {
        StringAssert.EndsWith(QemuPaths.CacheRoot, "vmmiddleware");
    }
}
