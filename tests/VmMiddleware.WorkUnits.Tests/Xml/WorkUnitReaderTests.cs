using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.WorkUnits.Tests.Xml;

[TestClass]
public sealed class WorkUnitReaderTests
{
    private const string Source = "test.workunit.xml";
    private const string BaseDirectory = "/jobs/demo";

    public static IEnumerable<object[]> Examples =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "examples"), "*.workunit.xml").Order().Select(f => new object[] { Path.GetFileName(f) });

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Read_Example_Validates(string fileName)
    {
        var workUnit = WorkUnitReader.Read(Path.Combine(AppContext.BaseDirectory, "examples", fileName));

        Assert.AreEqual(fileName.Replace(".workunit.xml", string.Empty, StringComparison.Ordinal), workUnit.Name);
        foreach (var input in workUnit.Inputs)
        {
            Assert.IsTrue(File.Exists(input.Source) || Directory.Exists(input.Source), input.Source);
        }
    }

    [TestMethod]
    public void Read_HelloExample_GivesTheDocumentedJob()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", "hello.workunit.xml");

        var workUnit = WorkUnitReader.Read(path);

        Assert.AreEqual(ImageSpec.ReferenceGuest, workUnit.Image);
        Assert.AreEqual(new VirtualHardware { Vcpus = 1, MemoryMiB = 256, DiskMiB = 1024 }, workUnit.Hardware);
        Assert.AreEqual("/bin/sh", workUnit.Command!.Executable);
        Assert.AreEqual("-c", workUnit.Command!.Arguments[0]);
        StringAssert.Contains(workUnit.Command!.Arguments[1], "in/numbers.txt > out/sum.txt");
        Assert.AreEqual("/work", workUnit.Command!.WorkingDirectory);
        Assert.AreEqual("hello", workUnit.Command!.Environment["GREETING"]);
        var input = workUnit.Inputs.Single();
        Assert.AreEqual(Path.Combine(AppContext.BaseDirectory, "examples", "numbers.txt"), input.Source);
        Assert.AreEqual("numbers.txt", input.Target);
        Assert.AreEqual("sum.txt", workUnit.Outputs.Single().Path);
        Assert.AreEqual(new Limits { WallTime = TimeSpan.FromMinutes(10), MaxOutputBytes = 64L << 20 }, workUnit.Limits);
        Assert.AreEqual(NetworkPolicy.None, workUnit.Network);
    }

    [TestMethod]
    public void Read_VmUniverseDocument_MapsDisksKernelMacAndDiskReturn()
    {
        var workUnit = Read("""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="vm">
              <image kind="disk" path="root.img" format="raw" device="xvda"/>
              <disks>
                <disk path="/data/in.qcow2" device="hdb" readOnly="true" format="qcow2"/>
                <disk url="vmimage://factory.example.org/scratch" device="sdc"/>
              </disks>
              <kernel path="boot/vmlinuz" initrd="boot/initrd.img" root="/dev/vda1" parameters="console=ttyS0 ro"/>
              <network mode="user" mac="52:54:00:AB:cd:01"/>
              <diskReturn form="whole"/>
            </workunit>
            """);

        var expected = new WorkUnit
        {
            Name = "vm",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/jobs/demo/root.img"), ImageFormat.Raw, device: "xvda"),
            Disks =
            [
                new AttachedDisk(ImageLocation.FromHostPath("/data/in.qcow2"), "hdb", readOnly: true, ImageFormat.Qcow2),
                new AttachedDisk(ImageLocation.FromUrl("vmimage://factory.example.org/scratch"), "sdc"),
            ],
            Kernel = new KernelBoot { Kernel = "/jobs/demo/boot/vmlinuz", Initrd = "/jobs/demo/boot/initrd.img", Root = "/dev/vda1", Parameters = "console=ttyS0 ro" },
            Network = NetworkPolicy.User,
            MacAddress = "52:54:00:ab:cd:01",
            ReturnDisks = DiskReturn.Whole,
        };
        Assert.AreEqual(expected, workUnit);
        Assert.IsNull(workUnit.Command);
        Assert.AreEqual("root=/dev/vda1 console=ttyS0 ro", workUnit.Kernel!.CommandLine);
    }

    [TestMethod]
    public void Read_MinimalDocument_UsesDefaults()
    {
        var workUnit = Read("""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="minimal">
              <image kind="reference-guest"/>
              <command executable="/bin/true"/>
            </workunit>
            """);

        var expected = new WorkUnit { Name = "minimal", Command = new GuestCommand { Executable = "/bin/true" } };
        Assert.AreEqual(expected, workUnit);
        Assert.AreEqual(TimeSpan.FromHours(1), workUnit.Limits.WallTime);
        Assert.IsTrue(workUnit.Checkpoint.OnEviction);
    }

    [TestMethod]
    public void Read_FullDocument_MapsEveryPart()
    {
        var digest = new string('a', 64);
        var workUnit = Read($"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="full">
              <image kind="disk" path="images/debian.qcow2" format="qcow2" sha256="{digest}"/>
              <hardware vcpus="4" memory="2G" disk="10240"/>
              <command executable="python3">
                <arg>run.py</arg>
                <arg> two  spaces </arg>
                <env name="B" value="2"/>
                <env name="A" value="1"/>
              </command>
              <inputs>
                <directory source="data/" target="datasets/raw"/>
                <file source="/abs/run.py"/>
              </inputs>
              <outputs>
                <file path="plots/*.png"/>
                <directory path="results"/>
              </outputs>
              <limits wallTime="P1DT2H" maxOutput="512K" heartbeatTimeout="PT1M"/>
              <checkpoint onEviction="false" afterBoot="true"/>
              <network mode="user"/>
              <condor>
                <requirements>
                  Arch == "X86_64"
                </requirements>
                <rank>Memory</rank>
                <attribute name="ProjectName">"physics"</attribute>
                <attribute name="Priority">5</attribute>
              </condor>
            </workunit>
            """);

        Assert.AreEqual(new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/jobs/demo/images/debian.qcow2"), ImageFormat.Qcow2, digest), workUnit.Image);
        Assert.AreEqual(new VirtualHardware { Vcpus = 4, MemoryMiB = 2048, DiskMiB = 10240 }, workUnit.Hardware);
        CollectionAssert.AreEqual(new[] { "run.py", " two  spaces " }, workUnit.Command!.Arguments.ToArray());
        CollectionAssert.AreEqual(new[] { "B", "A" }, workUnit.Command!.Environment.Keys.ToArray());
        Assert.AreEqual(new InputItem("/jobs/demo/data", "datasets/raw", InputKind.Directory), workUnit.Inputs[0]);
        Assert.AreEqual(new InputItem("/abs/run.py", "run.py"), workUnit.Inputs[1]);
        Assert.IsTrue(workUnit.Outputs[0].IsGlob);
        Assert.AreEqual("results/", workUnit.Outputs[1].Path);
        Assert.AreEqual(new Limits { WallTime = TimeSpan.FromHours(26), MaxOutputBytes = 512 * 1024, HeartbeatTimeout = TimeSpan.FromMinutes(1) }, workUnit.Limits);
        Assert.AreEqual(new CheckpointPolicy { OnEviction = false, AfterBoot = true }, workUnit.Checkpoint);
        Assert.AreEqual(NetworkPolicy.User, workUnit.Network);
        Assert.AreEqual("Arch == \"X86_64\"", workUnit.Requirements);
        Assert.AreEqual("Memory", workUnit.Rank);
        Assert.AreEqual("\"physics\"", workUnit.CustomAttributes["projectname"]);
        CollectionAssert.AreEqual(new[] { "ProjectName", "Priority" }, workUnit.CustomAttributes.Keys.ToArray());
    }

    [TestMethod]
    [DataRow("ref=\"sha256:" + "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" + "\"", ImageLocationKind.CacheReference)]
    [DataRow("url=\"vmimage://factory.example.org/debian-12\"", ImageLocationKind.Url)]
    [DataRow("path=\"../images/root.img\"", ImageLocationKind.HostPath)]
    public void Read_ImageLocation_SetsKind(string attribute, ImageLocationKind expected)
    {
        var workUnit = Read($"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="x">
              <image kind="rootfs" {attribute}/>
              <command executable="/bin/true"/>
            </workunit>
            """);

        Assert.AreEqual(expected, workUnit.Image.Location!.Kind);
        Assert.AreEqual(ImageKind.RootFilesystem, workUnit.Image.Kind);
    }

    [TestMethod]
    public void Read_MissingFile_NamesTheFile()
    {
        var exception = Assert.ThrowsExactly<WorkUnitFormatException>(() => WorkUnitReader.Read("/nonexistent/job.workunit.xml"));

        Assert.AreEqual("/nonexistent/job.workunit.xml: the file does not exist", exception.Message);
        Assert.AreEqual(0, exception.Line);
    }

    [TestMethod]
    public void Read_TooLarge_Refused()
    {
        var text = "<workunit xmlns=\"urn:vmmiddleware:workunit:1\" name=\"x\"><!--" + new string('x', WorkUnitReader.MaxDocumentChars) + "--></workunit>";

        var exception = Assert.ThrowsExactly<WorkUnitFormatException>(() => Read(text));

        Assert.AreEqual("test.workunit.xml: the document is larger than 1048576 characters; expected a work-unit file of at most 1 MiB", exception.Message);
    }

    internal static WorkUnit Read(string xml) => WorkUnitReader.Read(new StringReader(xml), Source, BaseDirectory);
}
