namespace VmMiddleware.Cli.Tests.Verbs;

/// <summary>User mistakes in <c>vmgrid run</c> found before any VM starts: one line on stderr naming what is wrong, exit 1 (the real executable).</summary>
[TestClass]
public sealed class RunVerbTests
{
    private string _dir = null!;
    private Dictionary<string, string> _environment = null!;

    [TestInitialize]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("vmgrid-runerr-").FullName;
        // A guest directory that only looks like one: every case below must stop before anything boots it.
        var guest = Directory.CreateDirectory(Path.Combine(_dir, "guest")).FullName;
        foreach (var file in new[] { "vmlinux", "initramfs.cpio", "kernel.cmdline" })
        {
            File.WriteAllText(Path.Combine(guest, file), "console=ttyS0\n");
        }

        _environment = new() { ["VMMIDDLEWARE_GUEST"] = guest, ["VMMIDDLEWARE_CACHE"] = Path.Combine(_dir, "cache") };
    }

    [TestCleanup]
    public void Cleanup() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    public void Run_MissingInputFile_OneLineExitOne()
    {
        var unit = WorkUnit("missing", """<inputs><file source="nosuch.txt"/></inputs>""");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run {unit} --work-dir {Path.Combine(_dir, "w")}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual($"vmgrid: The input file {Path.Combine(_dir, "nosuch.txt")} does not exist.\n", stderr);
    }

    [TestMethod]
    public void Run_WorkDirIsAFile_OneLineExitOne()
    {
        var unit = WorkUnit("workdir", string.Empty);
        var file = Path.Combine(_dir, "afile");
        File.WriteAllText(file, "x");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run {unit} --work-dir {file}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual($"vmgrid: The work directory {file} is a file, not a directory.\n", stderr);
    }

    [TestMethod]
    public void Run_WorkDirIsAFileWithTransferDirs_OneLineExitOne()
    {
        var unit = WorkUnit("workdir", string.Empty);
        var file = Path.Combine(_dir, "afile");
        File.WriteAllText(file, "x");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run {unit} --work-dir {file} --transfer-dirs", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual($"vmgrid: The work directory {file} is a file, not a directory.\n", stderr);
        Assert.AreEqual("x", File.ReadAllText(file));
    }

    [TestMethod]
    public void Run_DiskImageNotQcow2_OneLineExitOneNothingCached()
    {
        var image = Path.Combine(_dir, "disk.qcow2");
        File.WriteAllText(image, "not a disk image\n");
        var unit = WorkUnit("disk", string.Empty, """<image kind="disk" path="disk.qcow2" format="qcow2"/>""");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run {unit} --work-dir {Path.Combine(_dir, "w")}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual($"vmgrid: The image {image} is declared qcow2 but has no known image header (raw data); refusing to use it.\n", stderr);
        Assert.IsFalse(Directory.Exists(Path.Combine(_dir, "cache", "images", "objects")) && Directory.EnumerateFiles(Path.Combine(_dir, "cache", "images", "objects"), "*", SearchOption.AllDirectories).Any());
    }

    [TestMethod]
    public void Run_WorkUnitAndJobAdBoth_OneLineExitOne()
    {
        var unit = WorkUnit("both", string.Empty);

        var (exit, _, stderr) = VmgridProcessTests.Run($"run {unit} --job-ad {unit}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual("vmgrid: vmgrid run takes a WORKUNIT file or --job-ad FILE, not both and not neither; see vmgrid run --help\n", stderr);
    }

    [TestMethod]
    public void Run_MissingJobAdWithoutStarter_OneLineExitOne()
    {
        var ad = Path.Combine(_dir, ".job.ad");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run --job-ad {ad} --work-dir {_dir}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        Assert.AreEqual($"vmgrid: {ad}: the job ad does not exist (nor does $_CONDOR_JOB_AD name one)\n", stderr);
    }

    [TestMethod]
    public void Run_JobAdOfAVanillaJob_OneLineExitOne()
    {
        var ad = Path.Combine(_dir, ".job.ad");
        File.WriteAllText(ad, "JobUniverse = 5\nCmd = \"/bin/true\"\n");

        var (exit, _, stderr) = VmgridProcessTests.Run($"run --job-ad {ad} --work-dir {_dir}", environment: _environment);

        Assert.AreEqual(1, exit, stderr);
        StringAssert.StartsWith(stderr, $"vmgrid: {ad}: the job ad has no JobVMType; expected an HTCondor vm-universe job");
    }

    [TestMethod]
    public void Run_JobAdNamedByTheStarter_IsReadWhenTheGivenFileIsMissing()
    {
        var ad = Path.Combine(_dir, "starter.ad");
        File.WriteAllText(ad, "JobVMType = \"kvm\"\nJobVMMemory = 64\nVMPARAM_vm_Disk = \"nosuch.img:vda:w\"\n");
        var environment = new Dictionary<string, string>(_environment) { ["_CONDOR_JOB_AD"] = ad };

        var (exit, _, stderr) = VmgridProcessTests.Run($"run --job-ad {Path.Combine(_dir, ".job.ad")} --work-dir {_dir}", environment: environment);

        Assert.AreEqual(1, exit, stderr);
        StringAssert.Contains(stderr, Path.Combine(_dir, "nosuch.img"), "the starter's ad was read: its disk is looked for in the work directory");
    }

    private string WorkUnit(string name, string inputs, string image = """<image kind="reference-guest"/>""")
    {
        var path = Path.Combine(_dir, name + ".workunit.xml");
        File.WriteAllText(path, $"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="{name}">
              {image}
              <command executable="/bin/true"/>
              {inputs}
            </workunit>
            """);
        return path;
    }
}
