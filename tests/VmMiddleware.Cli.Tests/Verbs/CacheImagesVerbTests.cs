namespace VmMiddleware.Cli.Tests.Verbs;

[TestClass]
public sealed class CacheImagesVerbTests
{
    [TestMethod]
    public void Evict_UnknownId_ExitsOneWithOneLine()
    {
        var root = Directory.CreateTempSubdirectory("vmgrid-evict-");
        try
        {
            var id = "sha256:" + new string('b', 64);

            var (exit, stdout, stderr) = VmgridProcessTests.Run($"cache images evict {id} --root {root.FullName}");

            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual($"vmgrid: {id} is not in the image cache\n", stderr);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
