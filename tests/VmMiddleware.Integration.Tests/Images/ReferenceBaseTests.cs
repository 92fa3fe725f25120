using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;

namespace VmMiddleware.Integration.Tests.Images;

/// <summary>The reference base: a real minimal Debian made by mmdebstrap and mke2fs -d, cached in the store like any state.</summary>
[TestClass]
[TestCategory("Integration")]
public sealed class ReferenceBaseTests
{
    [TestMethod]
    public async Task ReferenceBase_Built_HasDpkgUseraddAndShell()
    {
        foreach (var tool in new[] { "mmdebstrap", "mke2fs", "debugfs", "qemu-img", "tar" })
        {
            RequiredTool.Find(tool);
        }

        var dag = DagReader.Parse(
            "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"base\"><actions><base id=\"debian\" ref=\"debian-bookworm\"/></actions></vmconfig>",
            "base.vmconfig.xml",
            Path.GetTempPath());
        var scratch = Directory.CreateTempSubdirectory("vmgrid-refbase-it-").FullName;
        try
        {
            var result = await FactoryStore.ExclusiveAsync(async () => await (await FactoryStore.FactoryAsync()).BuildAsync(dag, new BuildOptions(new UnavailableActionExecutor())));

            var bin = await FactoryStore.DebugFsAsync(result.ImageId, "ls /usr/bin", scratch);
            var sbin = await FactoryStore.DebugFsAsync(result.ImageId, "ls /usr/sbin", scratch);
            var dpkg = await FactoryStore.DebugFsAsync(result.ImageId, "stat /usr/bin/dpkg", scratch);
            StringAssert.Matches(bin, new System.Text.RegularExpressions.Regex(@"\(\d+\) dpkg "));
            StringAssert.Matches(bin, new System.Text.RegularExpressions.Regex(@"\(\d+\) sh "));
            StringAssert.Matches(sbin, new System.Text.RegularExpressions.Regex(@"\(\d+\) useradd "));
            StringAssert.Contains(dpkg, "User:     0   Group:     0");
            StringAssert.Contains(File.ReadAllText(Path.Combine(FactoryStore.Directory, "logs", result.ImageId + ".log")), "packages:");
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
