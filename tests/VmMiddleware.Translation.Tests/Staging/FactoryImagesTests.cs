using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;

namespace VmMiddleware.Translation.Tests.Staging;

/// <summary>The --factory staging rule: held images and read-only or unreturned disks become vmimage:// URLs; returned writable disks and unheld files ship.</summary>
[TestClass]
public sealed class FactoryImagesTests
{
    private const string Root = "1111111111111111111111111111111111111111111111111111111111111111";
    private const string Reference = "2222222222222222222222222222222222222222222222222222222222222222";
    private const string Sha = "3333333333333333333333333333333333333333333333333333333333333333";

    private static readonly WorkUnit Unit = new()
    {
        Name = "disks",
        Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/home/u/root.qcow2"), ImageFormat.Raw, Sha, device: "vda"),
        Disks = [new AttachedDisk(ImageLocation.FromHostPath("/data/ref.img"), "vdb", readOnly: true), new AttachedDisk(ImageLocation.FromHostPath("/data/own.img"), "vdc")],
        Command = new GuestCommand { Executable = "/bin/true" },
    };

    [TestMethod]
    public async Task NameHeld_HeldImageAndDisk_NamesUrlsAndShipsTheRest()
    {
        var factory = new FakeFactoryContent(("/home/u/root.qcow2", Root, true), ("/data/ref.img", Reference, false));
        var lines = new List<string>();

        var unit = await FactoryImages.NameHeldAsync(Unit, factory, lines.Add, CancellationToken.None);

        Assert.AreEqual($"vmimage://f.example:8443/{Root}.qcow2", unit.Image.Location!.Value);
        Assert.AreEqual(Sha, unit.Image.Sha256, "the same bytes keep their checksum");
        Assert.AreEqual(ImageFormat.Raw, unit.Image.Format);
        Assert.AreEqual("vda", unit.Image.Device);
        Assert.AreEqual($"vmimage://f.example:8443/{Reference}.qcow2", unit.Disks[0].Location.Value);
        Assert.IsNull(unit.Disks[0].Format, "a disk whose format is detected stays detected");
        Assert.IsTrue(unit.Disks[0].ReadOnly);
        Assert.AreEqual("/data/own.img", unit.Disks[1].Location.Value);
        Assert.HasCount(3, lines);
        StringAssert.Contains(lines[2], "/data/own.img: the factory at f.example:8443 does not hold it (not asked about it); shipping it");

        var job = WorkUnitCondorTranslator.Translate(unit, new CondorTranslationOptions());
        Assert.AreEqual($"workunit.xml, qemu-bundle.tar.gz, vmimage://f.example:8443/{Root}.qcow2, vmimage://f.example:8443/{Reference}.qcow2, own.img", job.Submit.Find("transfer_input_files"));
        Assert.AreEqual($"/vmgrid-job/{Root}.qcow2", job.ExecuteWorkUnit.Image.Location!.Value);
    }

    [TestMethod]
    public async Task NameHeld_HeldAsAnotherFilesContent_DropsTheChecksumAndReadsTheChainAsQcow2()
    {
        var factory = new FakeFactoryContent(("/home/u/root.qcow2", Root, false));

        var unit = await FactoryImages.NameHeldAsync(Unit with { Disks = [] }, factory, _ => { }, CancellationToken.None);

        Assert.IsNull(unit.Image.Sha256, "the chain's bytes are not the file's");
        Assert.AreEqual(ImageFormat.Qcow2, unit.Image.Format);
    }

    [TestMethod]
    public async Task NameHeld_WritableDisksComeBack_ShipsThemWithoutAsking()
    {
        var factory = new FakeFactoryContent(("/home/u/root.qcow2", Root, true), ("/data/ref.img", Reference, true), ("/data/own.img", Reference, true));

        var unit = await FactoryImages.NameHeldAsync(Unit with { ReturnDisks = DiskReturn.Whole }, factory, _ => { }, CancellationToken.None);

        Assert.AreEqual("/home/u/root.qcow2", unit.Image.Location!.Value);
        Assert.AreEqual($"vmimage://f.example:8443/{Reference}.qcow2", unit.Disks[0].Location.Value, "a read-only disk does not come back");
        Assert.AreEqual("/data/own.img", unit.Disks[1].Location.Value);
        CollectionAssert.AreEqual(new[] { "/data/ref.img" }, factory.Asked);
    }

    [TestMethod]
    public async Task NameHeld_NoFactory_ReturnsTheSameWorkUnitAndWorkflow()
    {
        var workflow = new Workflow { Name = "w", Nodes = [new WorkflowNode("a", Unit)] };

        Assert.AreSame(Unit, await FactoryImages.NameHeldAsync(Unit, null, _ => Assert.Fail("no line"), CancellationToken.None));
        Assert.AreSame(workflow, await FactoryImages.NameHeldAsync(workflow, null, _ => Assert.Fail("no line"), CancellationToken.None));
    }

    [TestMethod]
    public async Task NameHeld_Workflow_NamesEveryNodesHeldImage()
    {
        var workflow = new Workflow { Name = "w", Nodes = [new WorkflowNode("a", Unit with { Disks = [] }), new WorkflowNode("b", Unit with { Disks = [] }, Retry: 2)] };

        var named = await FactoryImages.NameHeldAsync(workflow, new FakeFactoryContent(("/home/u/root.qcow2", Root, true)), _ => { }, CancellationToken.None);

        Assert.IsTrue(named.Nodes.All(n => n.WorkUnit.Image.Location!.Value == $"vmimage://f.example:8443/{Root}.qcow2"));
        Assert.AreEqual(2, named.Nodes[1].Retry);
    }
}
