using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.WorkUnits.Tests.Xml;

[TestClass]
public sealed class WorkUnitWriterTests
{
    private const string BaseDirectory = "/jobs/demo";

    public TestContext TestContext { get; set; } = null!;

    public static IEnumerable<object[]> Examples => WorkUnitReaderTests.Examples;

    [TestMethod]
    [DynamicData(nameof(Examples))]
    public void Write_Example_RoundTripsToEqualModel(string fileName)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "examples", fileName);
        var original = WorkUnitReader.Read(path);
        var directory = Path.GetDirectoryName(path)!;

        var xml = WorkUnitWriter.ToXml(original, directory);
        var copy = WorkUnitReader.Read(new StringReader(xml), fileName, directory);

        Assert.AreEqual(original, copy);
        StringAssert.StartsWith(xml, "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        if (original.Inputs.Count > 0)
        {
            StringAssert.Contains(xml, "<file source=\"numbers.txt\" />");
        }
    }

    [TestMethod]
    public void Write_EveryFeature_RoundTripsToEqualModel()
    {
        var original = new WorkUnit
        {
            Name = "every-feature_1.0",
            Image = new ImageSpec(ImageKind.RootFilesystem, ImageLocation.FromHostPath("/images/root.qcow2"), ImageFormat.Vhdx, new string('f', 64)),
            Hardware = new VirtualHardware { Vcpus = 8, MemoryMiB = 1536, DiskMiB = 3 << 20 },
            Command = new GuestCommand
            {
                Executable = "/usr/bin/env",
                Arguments = ["a b", " ", string.Empty, "line1\nline2\r\nline3", "<&>\"'", "tab\there"],
                Environment = new Dictionary<string, string> { ["Z"] = "last\tfirst", ["A"] = "new\nline", ["_m"] = string.Empty },
                WorkingDirectory = "/work/sub dir",
            },
            Inputs =
            [
                new InputItem("/jobs/demo/data/set", "sets/one", InputKind.Directory),
                new InputItem("/elsewhere/input.csv"),
                new InputItem("/jobs/demo/renamed.txt", "other.txt"),
            ],
            Outputs = [new OutputSpec("result.txt"), new OutputSpec("plots/*.png"), new OutputSpec("results/")],
            Limits = new Limits { WallTime = TimeSpan.FromSeconds(90.5), MaxOutputBytes = 1000, HeartbeatTimeout = TimeSpan.FromDays(2) },
            Checkpoint = new CheckpointPolicy { OnEviction = false, AfterBoot = true },
            Network = NetworkPolicy.User,
            Requirements = "(Arch == \"X86_64\") && (Memory >= 1024)",
            Rank = "KFlops",
            CustomAttributes = new Dictionary<string, string> { ["Zeta"] = "\"z\"", ["Alpha"] = "1 + 2" },
        };

        var xml = WorkUnitWriter.ToXml(original, BaseDirectory);
        var copy = WorkUnitReaderTests.Read(xml);

        Assert.AreEqual(original, copy, xml);
        StringAssert.Contains(xml, "source=\"data/set\"");
        StringAssert.Contains(xml, "source=\"/elsewhere/input.csv\"");
        StringAssert.Contains(xml, "memory=\"1536M\" disk=\"3T\"");
    }

    [TestMethod]
    public void Write_VmUniverseFeatures_RoundTripsToEqualModel()
    {
        var original = new WorkUnit
        {
            Name = "vm-universe",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/jobs/demo/disks/root.qcow2"), ImageFormat.Qcow2, device: "sda", readOnly: true),
            Disks =
            [
                new AttachedDisk(ImageLocation.FromHostPath("/elsewhere/data.raw"), "vdb", readOnly: true, ImageFormat.Raw),
                new AttachedDisk(ImageLocation.FromCacheReference(new string('c', 64)), "hdc"),
            ],
            Kernel = new KernelBoot { Kernel = "/jobs/demo/vmlinuz", Root = "/dev/sda1" },
            Network = NetworkPolicy.User,
            MacAddress = "02:00:00:00:00:01",
            ReturnDisks = DiskReturn.Delta,
        };

        var xml = WorkUnitWriter.ToXml(original, BaseDirectory);
        var copy = WorkUnitReaderTests.Read(xml);

        Assert.AreEqual(original, copy, xml);
        StringAssert.Contains(xml, "<image kind=\"disk\" path=\"disks/root.qcow2\" format=\"qcow2\" device=\"sda\" readOnly=\"true\" />");
        StringAssert.Contains(xml, "<kernel path=\"vmlinuz\" root=\"/dev/sda1\" />");
        StringAssert.Contains(xml, "<diskReturn form=\"delta\" />");
        Assert.IsFalse(xml.Contains("<command", StringComparison.Ordinal), xml);
    }

    [TestMethod]
    [DataRow("url=\"vmimage://factory.example.org/images/42\"")]
    [DataRow("ref=\"sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\" sha256=\"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\"")]
    [DataRow("path=\"disk.raw\" format=\"raw\"")]
    public void Write_ImageLocation_RoundTrips(string attributes)
    {
        var original = WorkUnitReaderTests.Read($"""
            <workunit xmlns="urn:vmmiddleware:workunit:1" name="x">
              <image kind="disk" {attributes}/>
              <command executable="/sbin/init"/>
            </workunit>
            """);

        var copy = WorkUnitReaderTests.Read(WorkUnitWriter.ToXml(original, BaseDirectory));

        Assert.AreEqual(original, copy);
    }

    [TestMethod]
    public void Write_ToFile_ReplacesAtomicallyAndLeavesNoTemporaryFiles()
    {
        var directory = Directory.CreateTempSubdirectory("workunit-writer-");
        try
        {
            var path = Path.Combine(directory.FullName, "job.workunit.xml");
            File.WriteAllText(path, "old content");
            var workUnit = new WorkUnit
            {
                Name = "job",
                Command = new GuestCommand { Executable = "/bin/true" },
                Inputs = [new InputItem(Path.Combine(directory.FullName, "in.txt"))],
            };

            WorkUnitWriter.Write(workUnit, path);

            Assert.AreEqual(workUnit, WorkUnitReader.Read(path));
            CollectionAssert.AreEqual(new[] { "job.workunit.xml" }, directory.GetFiles().Select(f => f.Name).ToArray());
            StringAssert.StartsWith(File.ReadAllText(path), "<?xml version=\"1.0\" encoding=\"utf-8\"?>");
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [TestMethod]
    public void Write_ToMissingDirectory_ThrowsAndCreatesNothing()
    {
        var path = Path.Combine(Path.GetTempPath(), "missing-" + Guid.NewGuid().ToString("N"), "job.workunit.xml");
        var workUnit = new WorkUnit { Name = "job", Command = new GuestCommand { Executable = "/bin/true" } };

        Assert.ThrowsExactly<DirectoryNotFoundException>(() => WorkUnitWriter.Write(workUnit, path));
        Assert.IsFalse(File.Exists(path));
    }
}
