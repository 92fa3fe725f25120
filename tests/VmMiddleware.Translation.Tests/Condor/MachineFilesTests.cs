using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Rsl;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Tests.Condor;

/// <summary>Disks, kernels and returned disks of VM-universe work units in the flat job directory, for HTCondor (with a guest command) and GRAM.</summary>
[TestClass]
public sealed class MachineFilesTests
{
    private static readonly WorkUnit WithCommand = new()
    {
        Name = "disks",
        Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/home/u/root.qcow2"), ImageFormat.Qcow2, device: "vda"),
        Disks = [new AttachedDisk(ImageLocation.FromHostPath("/data/ref.img"), "vdb", readOnly: true)],
        Kernel = new KernelBoot { Kernel = "/home/u/vmlinuz", Root = "/dev/vda" },
        Command = new GuestCommand { Executable = "/bin/true" },
        ReturnDisks = DiskReturn.Whole,
    };

    [TestMethod]
    public void Translate_CommandAndReturnedDisk_ShipsDisksUnderTheirNamesAndBringsTheWritableOneBack()
    {
        var job = WorkUnitCondorTranslator.Translate(WithCommand, new CondorTranslationOptions());

        Assert.AreEqual("workunit.xml, qemu-bundle.tar.gz, root.qcow2, ref.img, vmlinuz", job.Submit.Find("transfer_input_files"));
        Assert.AreEqual("out, root.qcow2, checkpoint", job.Submit.Find("transfer_output_files"));
        Assert.AreEqual("/vmgrid-job/root.qcow2", job.ExecuteWorkUnit.Image.Location!.Value);
        Assert.AreEqual("vda", job.ExecuteWorkUnit.Image.Device);
        Assert.AreEqual("/vmgrid-job/ref.img", job.ExecuteWorkUnit.Disks.Single().Location.Value);
        Assert.AreEqual("/vmgrid-job/vmlinuz", job.ExecuteWorkUnit.Kernel!.Kernel);
        CollectionAssert.AreEqual(new[] { ShippedFileKind.MachineFile, ShippedFileKind.MachineFile }, job.Files.Where(f => f.SubmitPath is "ref.img" or "vmlinuz").Select(f => f.Kind).ToArray());
    }

    [TestMethod]
    public void Translate_NothingReturned_KeepsTheImagePrefix()
    {
        var job = WorkUnitCondorTranslator.Translate(WithCommand with { ReturnDisks = DiskReturn.None, Disks = [], Kernel = null }, new CondorTranslationOptions());

        Assert.AreEqual("workunit.xml, qemu-bundle.tar.gz, image-root.qcow2", job.Submit.Find("transfer_input_files"));
        Assert.AreEqual("out, checkpoint", job.Submit.Find("transfer_output_files"));
    }

    [TestMethod]
    public void Translate_DiskNamedLikeALauncherFile_IsRefused()
    {
        var unit = WithCommand with { Disks = [new AttachedDisk(ImageLocation.FromHostPath("/data/console.log"), "vdb")] };

        var e = Assert.ThrowsExactly<ArgumentException>(() => WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions()));

        StringAssert.Contains(e.Message, "would both arrive in the job directory as 'console.log'");
    }

    [TestMethod]
    public void TranslateRsl_SelfRunningUnitWithDelta_StagesDisksInAndConsoleAndDeltaOut()
    {
        var unit = WithCommand with { Command = null, ReturnDisks = DiskReturn.Delta };

        var rsl = RslWriter.Write(WorkUnitRslTranslator.Translate(unit, RslTranslationOptions.OverGass("/home/u/job")));

        StringAssert.Contains(rsl, "($(VMGRID_STAGE)#\"/ref.img\" \"ref.img\")");
        StringAssert.Contains(rsl, "($(VMGRID_STAGE)#\"/vmlinuz\" \"vmlinuz\")");
        StringAssert.Contains(rsl, "(\"out/console.log\" $(VMGRID_STAGE)#\"/out/console.log\")");
        StringAssert.Contains(rsl, "(\"root.qcow2.delta\" $(VMGRID_STAGE)#\"/root.qcow2.delta\")");
        Assert.IsFalse(rsl.Contains("out/stdout", StringComparison.Ordinal), rsl);
        Assert.AreEqual("/vmgrid-job/ref.img", WorkUnitRslTranslator.StagedWorkUnit(unit).Disks.Single().Location.Value);
    }
}
