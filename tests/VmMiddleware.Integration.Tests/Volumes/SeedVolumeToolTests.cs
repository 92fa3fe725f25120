using System.Text;
using VmMiddleware.Integration.Tests.Support;
using VmMiddleware.Qemu.Volumes;

namespace VmMiddleware.Integration.Tests.Volumes;

/// <summary>The in-process FAT writer's images, read back by the real dosfstools, mtools and blkid.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class SeedVolumeToolTests
{
    [TestMethod]
    public async Task Build_JobScript_FsckCleanLabelCidataAndMtoolsReadsLongNames()
    {
        using var dir = new TempDir();
        var image = Path.Combine(dir.Path, "seed.img");
        var script = "#!/bin/sh\necho 'hello seed'\n";

        SeedVolumeBuilder.Build(image, script, "instance-id: vmgrid-x\n");

        var fsck = await ToolRun.RunAsync(RequiredTool.Find("fsck.fat"), ["-n", "-v", image], inheritEnvironment: true);
        var label = await ToolRun.RunAsync(RequiredTool.Find("blkid"), ["-o", "export", image], inheritEnvironment: true);
        var list = await Mtools("mdir", "-b", "-i", image, "::/");
        var userData = await Mtools("mtype", "-i", image, "::/user-data");
        var metaData = await Mtools("mtype", "-i", image, "::/meta-data");
        Assert.AreEqual(0, fsck.ExitCode, fsck.ToString());
        StringAssert.Contains(fsck.Stdout, "12 bit entries", fsck.ToString());
        StringAssert.Contains(label.Stdout, "\nLABEL=CIDATA\n", label.ToString());
        StringAssert.Contains(label.Stdout, "\nTYPE=vfat\n", label.ToString());
        CollectionAssert.AreEquivalent(new[] { "::/user-data", "::/meta-data" }, list.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToArray(), list.ToString());
        Assert.AreEqual(script, userData.Stdout);
        Assert.AreEqual("instance-id: vmgrid-x\n", metaData.Stdout);
        Assert.AreEqual(1024 * 1024, new FileInfo(image).Length);
    }

    [TestMethod]
    [DataRow(0)]
    [DataRow(511)]
    [DataRow(5_000_000)]
    public async Task Write_FilesOfManySizes_FsckCleanAndContentIntact(int size)
    {
        using var dir = new TempDir();
        var image = Path.Combine(dir.Path, "fat.img");
        var content = new byte[size];
        new Random(size).NextBytes(content);

        FatImageWriter.Write(image, "DATA", [("a-rather-long-file-name.bin", content), ("SHORT.TXT", Encoding.ASCII.GetBytes("x"))]);

        var fsck = await ToolRun.RunAsync(RequiredTool.Find("fsck.fat"), ["-n", image], inheritEnvironment: true);
        var copy = Path.Combine(dir.Path, "back.bin");
        var read = await Mtools("mcopy", "-i", image, "::/a-rather-long-file-name.bin", copy);
        Assert.AreEqual(0, fsck.ExitCode, fsck.ToString());
        Assert.AreEqual(0, read.ExitCode, read.ToString());
        CollectionAssert.AreEqual(content, File.ReadAllBytes(copy));
    }

    private static Task<ToolRun.Result> Mtools(string tool, params string[] args) =>
        ToolRun.RunAsync(RequiredTool.Find(tool), args, environment: new Dictionary<string, string> { ["MTOOLS_SKIP_CHECK"] = "1" }, inheritEnvironment: true);
}
