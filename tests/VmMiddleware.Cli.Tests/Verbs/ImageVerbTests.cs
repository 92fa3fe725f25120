namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>vmgrid image apply-delta refuses what is not a delta, with one line and exit 1 (the real executable; applying is an integration test).</summary>
[TestClass]
public sealed class ImageVerbTests
{
    [TestMethod]
    public void ApplyDelta_RawFile_OneLineExitOne()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-delta-").FullName;
        try
        {
            var file = Path.Combine(dir, "disk.img.delta");
            File.WriteAllBytes(file, new byte[4096]);

            var (exit, stdout, stderr) = VmgridProcessTests.Run($"image apply-delta {file}");

            Assert.AreEqual(1, exit, stderr);
            Assert.AreEqual(string.Empty, stdout);
            Assert.AreEqual($"vmgrid: {file}: not a delta; expected a qcow2 overlay with a backing file (vmgrid returns NAME.delta over NAME)\n", stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [TestMethod]
    public void ApplyDelta_MissingFile_OneLineExitOne()
    {
        var (exit, _, stderr) = VmgridProcessTests.Run("image apply-delta /nonexistent/disk.img.delta");

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual("vmgrid: /nonexistent/disk.img.delta: the delta does not exist\n", stderr);
    }
}
