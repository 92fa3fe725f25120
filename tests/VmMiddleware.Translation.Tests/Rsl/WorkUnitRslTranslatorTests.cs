using VmMiddleware.Translation.Rsl;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Tests.Rsl;

[TestClass]
public sealed class WorkUnitRslTranslatorTests
{
    private static readonly RslTranslationOptions HelloOptions = RslTranslationOptions.OverGass("/home/alice/vmgrid/hello");

    private static readonly RslTranslationOptions FailOptions =
        RslTranslationOptions.FromUrlBase("gsiftp://gateway.example.org/scratch/alice/fail/") with { RemoteDirectory = "/scratch/alice/fail" };

    private static WorkUnit Example(string name) => WorkUnitReader.Read(Path.Combine(AppContext.BaseDirectory, "examples", name));

    [TestMethod]
    [DataRow("hello.workunit.xml", "hello.approved.rsl")]
    [DataRow("fail.workunit.xml", "fail.approved.rsl")]
    public void Translate_Example_MatchesGoldenFile(string example, string golden)
    {
        var options = example.StartsWith("hello", StringComparison.Ordinal) ? HelloOptions : FailOptions;

        var rsl = RslWriter.Write(WorkUnitRslTranslator.Translate(Example(example), options));

        Golden.AssertMatches(Path.Combine("Rsl", golden), rsl);
    }

    [TestMethod]
    public void Translate_Hello_SizesTheJobFromTheWorkUnit()
    {
        var request = WorkUnitRslTranslator.Translate(Example("hello.workunit.xml"), HelloOptions);

        Assert.AreEqual(new RslRelation("max_memory", RslValue.Literal("512")), request.Find("maxmemory"));
        Assert.AreEqual(new RslRelation("max_wall_time", RslValue.Literal("10")), request.Find("MaxWallTime"));
        Assert.AreEqual(new RslRelation("count", RslValue.Literal("1")), request.Find("count"));
    }

    [TestMethod]
    [DataRow(61, "2")]
    [DataRow(60, "1")]
    [DataRow(1, "1")]
    public void Translate_WallTimeInSeconds_IsRoundedUpToMinutes(int seconds, string minutes)
    {
        var unit = Example("hello.workunit.xml") with { Limits = new Limits { WallTime = TimeSpan.FromSeconds(seconds) } };

        var request = WorkUnitRslTranslator.Translate(unit, HelloOptions);

        Assert.AreEqual(new RslRelation("max_wall_time", RslValue.Literal(minutes)), request.Find("max_wall_time"));
    }

    [TestMethod]
    public void Translate_Output_IsParsedBackToTheSameRequest()
    {
        var request = WorkUnitRslTranslator.Translate(Example("fail.workunit.xml"), FailOptions);

        Assert.AreEqual(request, RslParser.Parse(RslWriter.Write(request)));
    }

    [TestMethod]
    public void StagedWorkUnit_Inputs_AreRenamedUnderTheStagedRootKeepingTheirTargets()
    {
        var staged = WorkUnitRslTranslator.StagedWorkUnit(Example("hello.workunit.xml"));

        Assert.AreEqual(new InputItem("/vmgrid-job/input-1-numbers.txt", "numbers.txt"), staged.Inputs.Single());
    }

    [TestMethod]
    public void StagedWorkUnit_HostPathImage_IsRenamedUnderTheStagedRoot()
    {
        var unit = Example("hello.workunit.xml") with
        {
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/images/debian.qcow2")),
        };

        var staged = WorkUnitRslTranslator.StagedWorkUnit(unit);
        var stageIn = WorkUnitRslTranslator.Translate(unit, HelloOptions).Find("file_stage_in")!;

        Assert.AreEqual("/vmgrid-job/image-debian.qcow2", staged.Image.Location!.Value);
        Assert.IsTrue(stageIn.Values.Contains(RslValue.Sequence(
            RslValue.Concatenation(RslValue.Variable("VMGRID_STAGE"), RslValue.Literal("/image-debian.qcow2")), RslValue.Literal("image-debian.qcow2"))));
        Assert.IsFalse(RslWriter.Write(stageIn).Contains("reference-guest.tar", StringComparison.Ordinal), "a bootable disk needs no reference guest");
    }

    [TestMethod]
    public void Translate_DirectoryInputOrGlobOutput_IsRefused()
    {
        var unit = Example("hello.workunit.xml");

        Assert.ThrowsExactly<NotSupportedException>(() => WorkUnitRslTranslator.Translate(
            unit with { Inputs = [new InputItem("/data/set", kind: InputKind.Directory)] }, HelloOptions));
        Assert.ThrowsExactly<NotSupportedException>(() => WorkUnitRslTranslator.Translate(
            unit with { Outputs = [new OutputSpec("plots/*.png")] }, HelloOptions));
    }

    [TestMethod]
    public void Translate_NoOrBothStagingLocations_IsRefused()
    {
        var unit = Example("hello.workunit.xml");

        Assert.ThrowsExactly<ArgumentException>(() => WorkUnitRslTranslator.Translate(unit, new RslTranslationOptions()));
        Assert.ThrowsExactly<ArgumentException>(() => WorkUnitRslTranslator.Translate(unit, HelloOptions with { StagingUrlBase = "gsiftp://h/p" }));
        Assert.ThrowsExactly<ArgumentException>(() => WorkUnitRslTranslator.Translate(unit, RslTranslationOptions.OverGass("relative/dir")));
    }
}
