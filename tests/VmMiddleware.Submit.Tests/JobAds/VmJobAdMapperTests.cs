using VmMiddleware.ClassAds;
using VmMiddleware.Submit.JobAds;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit.Tests.JobAds;

[TestClass]
public sealed class VmJobAdMapperTests
{
    private string? _dir;

    [TestMethod]
    public void Map_StarterJobAd_GivesTheWorkUnitWithFilesInTheScratchDirectory()
    {
        var ad = ClassAd.ParseOldSyntax("""
            JobUniverse = 5
            Cmd = "/opt/vmgrid"
            VmMiddlewareWorkUnit = "sum"
            JobVMType = "xen"
            JobVMMemory = 256
            JobVM_VCPUS = 2
            JobVMCheckpoint = true
            JobVMNetworking = false
            VMPARAM_vm_Disk = "root.img:xvda:w:raw, /data/ref.img:xvdb:r"
            VMPARAM_Xen_Kernel = "vmlinux"
            VMPARAM_Xen_Root = "/dev/xvda"
            VMPARAM_Xen_Kernel_Params = "console=ttyS0"
            VmMiddlewareReturnDisks = "delta"
            AllowedJobDuration = 600
            WhenToTransferOutput = "ON_EXIT_OR_EVICT"
            """);

        var unit = VmJobAdMapper.Map(ad, "/scratch/.job.ad", "/scratch");

        Assert.AreEqual("sum", unit.Name);
        Assert.IsNull(unit.Command);
        Assert.AreEqual("/scratch/root.img", unit.Image.Location!.Value);
        Assert.AreEqual("/data/ref.img", unit.Disks.Single().Location.Value, "an absolute vm_disk file is a file on the execute host");
        Assert.AreEqual(new KernelBoot { Kernel = "/scratch/vmlinux", Root = "/dev/vda", Parameters = "console=ttyS0" }, unit.Kernel);
        Assert.AreEqual(new VirtualHardware { Vcpus = 2, MemoryMiB = 256 }, unit.Hardware);
        Assert.IsTrue(unit.Checkpoint.OnEviction);
        Assert.AreEqual(DiskReturn.Delta, unit.ReturnDisks);
        Assert.AreEqual(TimeSpan.FromMinutes(10), unit.Limits.WallTime);
    }

    [TestMethod]
    public void Map_AdWithoutVmType_SaysItIsNoVmJob()
    {
        var e = Assert.ThrowsExactly<SubmitFileException>(() => VmJobAdMapper.Map(ClassAd.ParseOldSyntax("JobUniverse = 5\n"), "/s/.job.ad", "/s"));

        StringAssert.StartsWith(e.Message, "/s/.job.ad: the job ad has no JobVMType");
    }

    [TestMethod]
    public void Map_BridgeNetworking_IsRefusedNamingTheSubmitCommand()
    {
        var ad = ClassAd.ParseOldSyntax("JobVMType = \"kvm\"\nJobVMMemory = 64\nVMPARAM_vm_Disk = \"a.img:vda:w\"\nJobVMNetworking = true\nJobVMNetworkingType = \"bridge\"\n");

        var e = Assert.ThrowsExactly<SubmitFileException>(() => VmJobAdMapper.Map(ad, "/s/.job.ad", "/s"));

        StringAssert.StartsWith(e.Message, "/s/.job.ad: vm_networking_type = bridge is not supported");
    }

    [TestMethod]
    public void Read_StarterJobAdFile_GivesItsWorkUnit()
    {
        var (path, dir) = WriteAd("JobVMType = \"kvm\"\nJobVMMemory = 64\nVMPARAM_vm_Disk = \"a.img:vda:w\"\nVmMiddlewareWorkUnit = \"sum\"\n");

        var unit = VmJobAdMapper.Read(path, dir);

        Assert.AreEqual("sum", unit.Name);
        Assert.AreEqual(Path.Combine(dir, "a.img"), unit.Image.Location!.Value);
    }

    [TestMethod]
    public void Read_FileThatIsNoClassAd_OneLineNamingTheFile()
    {
        var (path, dir) = WriteAd("JobVMType = = \"kvm\"\n");

        var e = Assert.ThrowsExactly<SubmitFileException>(() => VmJobAdMapper.Read(path, dir));

        StringAssert.StartsWith(e.Message, path + ": not a job ad: ");
        Assert.DoesNotContain("\n", e.Message);
    }

    [TestCleanup]
    public void DeleteDirectory()
    {
        if (_dir is not null)
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private (string Path, string Directory) WriteAd(string content)
    {
        _dir = Directory.CreateTempSubdirectory("vmgrid-jobad-").FullName;
        var path = Path.Combine(_dir, ".job.ad");
        File.WriteAllText(path, content);
        return (path, _dir);
    }
}
