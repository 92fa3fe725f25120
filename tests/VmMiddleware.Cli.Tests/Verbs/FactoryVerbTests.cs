namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>vmgrid build and vmgrid cache against a fresh store, through the real executable.</summary>
[TestClass]
public sealed class FactoryVerbTests
{
    [TestMethod]
    public void Build_InvalidDag_ExitsOneNamingNode()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-build-cli-");
        try
        {
            var config = Path.Combine(dir.FullName, "bad.vmconfig.xml");
            File.WriteAllText(config, "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"bad\"><actions><base id=\"b\" ref=\"debian-bookworm\"/><script id=\"s\">true</script></actions><edges><edge from=\"s\" to=\"ghost\"/></edges></vmconfig>");

            var (exit, _, stderr) = VmgridProcessTests.Run($"build {config} --store {dir.FullName}/store");

            Assert.AreEqual(1, exit);
            StringAssert.Contains(stderr, "bad.vmconfig.xml(line 1, column 149): edge 's' -> 'ghost' names the unknown node 'ghost' (dangling edge)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Build_VmExecutorWithMissingGuest_ExitsOneNamingGuestAndKeepsBase()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-build-cli-");
        try
        {
            var disk = Path.Combine(dir.FullName, "disk.raw");
            File.WriteAllBytes(disk, new byte[1 << 20]);
            var config = Path.Combine(dir.FullName, "ok.vmconfig.xml");
            File.WriteAllText(config, "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"ok\"><actions><base id=\"b\" path=\"disk.raw\" format=\"raw\"/><hostname id=\"h\" name=\"node1\"/></actions></vmconfig>");

            var (exit, _, stderr) = VmgridProcessTests.Run($"build {config} --store {dir.FullName}/store --guest {dir.FullName}/no-guest");
            var (listExit, list, _) = VmgridProcessTests.Run($"cache list --store {dir.FullName}/store");

            Assert.AreEqual(1, exit, stderr);
            StringAssert.Contains(stderr, "--guest:");
            Assert.AreEqual(0, listExit);
            StringAssert.Contains(list, "b (base disk.raw)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Build_NothingToRun_NeverLooksForGuest()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-build-cli-");
        try
        {
            File.WriteAllBytes(Path.Combine(dir.FullName, "disk.raw"), new byte[1 << 20]);
            var config = Path.Combine(dir.FullName, "base.vmconfig.xml");
            File.WriteAllText(config, "<vmconfig xmlns=\"urn:vmmiddleware:vmconfig:1\" name=\"base\"><actions><base id=\"b\" path=\"disk.raw\" format=\"raw\"/></actions></vmconfig>");

            var (first, _, firstErr) = VmgridProcessTests.Run($"build {config} --store {dir.FullName}/store --guest {dir.FullName}/no-guest");
            var (again, output, againErr) = VmgridProcessTests.Run($"build {config} --store {dir.FullName}/store --guest {dir.FullName}/no-guest");

            Assert.AreEqual(0, first, firstErr);
            Assert.AreEqual(0, again, againErr);
            StringAssert.Contains(output, "(exact hit)");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void CachePin_UnknownState_ExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("vmgrid-cache-cli-");
        try
        {
            var (exit, _, stderr) = VmgridProcessTests.Run($"cache pin abcdef --store {dir.FullName}");

            Assert.AreEqual(1, exit);
            StringAssert.Contains(stderr, "no state 'abcdef'");
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
