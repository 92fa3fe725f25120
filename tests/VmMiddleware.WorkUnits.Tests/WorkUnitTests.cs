namespace VmMiddleware.WorkUnits.Tests;

[TestClass]
public sealed class WorkUnitTests
{
    private static readonly GuestCommand True = new() { Executable = "/bin/true" };

    [TestMethod]
    public void New_OnlyRequiredMembers_HasDocumentedDefaults()
    {
        var workUnit = new WorkUnit { Name = "job", Command = True };

        Assert.AreEqual(ImageKind.ReferenceGuest, workUnit.Image.Kind);
        Assert.AreEqual(1, workUnit.Hardware.Vcpus);
        Assert.AreEqual(256, workUnit.Hardware.MemoryMiB);
        Assert.AreEqual(1024, workUnit.Hardware.DiskMiB);
        Assert.AreEqual(TimeSpan.FromHours(1), workUnit.Limits.WallTime);
        Assert.AreEqual(1L << 30, workUnit.Limits.MaxOutputBytes);
        Assert.AreEqual(TimeSpan.FromSeconds(30), workUnit.Limits.HeartbeatTimeout);
        Assert.IsTrue(workUnit.Checkpoint.OnEviction);
        Assert.IsFalse(workUnit.Checkpoint.AfterBoot);
        Assert.AreEqual(NetworkPolicy.None, workUnit.Network);
        Assert.AreEqual(0, workUnit.Inputs.Count);
        Assert.AreEqual(0, workUnit.Outputs.Count);
        Assert.IsNull(workUnit.Requirements);
        Assert.AreEqual(0, workUnit.CustomAttributes.Count);
    }

    [TestMethod]
    public void Equals_SameContentInNewCollections_IsTrue()
    {
        static WorkUnit Make() => new()
        {
            Name = "job",
            Command = new GuestCommand { Executable = "/bin/sh", Arguments = ["-c", "true"], Environment = new Dictionary<string, string> { ["A"] = "1" } },
            Outputs = [new OutputSpec("a.txt")],
            CustomAttributes = new Dictionary<string, string> { ["Foo"] = "1" },
        };

        Assert.AreEqual(Make(), Make());
        Assert.AreEqual(Make().GetHashCode(), Make().GetHashCode());
    }

    [TestMethod]
    public void Equals_DifferentEnvironmentOrder_IsFalse()
    {
        var ab = new GuestCommand { Executable = "x", Environment = new Dictionary<string, string> { ["A"] = "1", ["B"] = "2" } };
        var ba = new GuestCommand { Executable = "x", Environment = new Dictionary<string, string> { ["B"] = "2", ["A"] = "1" } };

        Assert.AreNotEqual(ab, ba);
    }

    [TestMethod]
    public void Arguments_SourceListChangedLater_ModelUnchanged()
    {
        var arguments = new List<string> { "a" };
        var command = new GuestCommand { Executable = "x", Arguments = arguments };

        arguments.Add("b");

        Assert.AreEqual(1, command.Arguments.Count);
    }

    [TestMethod]
    [DataRow("")]
    [DataRow("-leading-dash")]
    [DataRow("has space")]
    [DataRow("a/b")]
    public void Name_Invalid_Throws(string name) =>
        Assert.ThrowsExactly<ArgumentException>(() => new WorkUnit { Name = name, Command = True });

    [TestMethod]
    public void CustomAttributes_DuplicateIgnoringCase_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new WorkUnit
        {
            Name = "job",
            Command = True,
            CustomAttributes = new Dictionary<string, string> { ["Foo"] = "1", ["FOO"] = "2" },
        });

    [TestMethod]
    public void CustomAttributes_BadName_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new WorkUnit
        {
            Name = "job",
            Command = True,
            CustomAttributes = new Dictionary<string, string> { ["+Foo"] = "1" },
        });

    [TestMethod]
    public void Requirements_Padded_IsTrimmed()
    {
        var workUnit = new WorkUnit { Name = "job", Command = True, Requirements = "  Memory > 1 \n" };

        Assert.AreEqual("Memory > 1", workUnit.Requirements);
    }

    [TestMethod]
    public void Requirements_Blank_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new WorkUnit { Name = "job", Command = True, Requirements = " " });

    [TestMethod]
    public void With_InvalidHardware_Throws() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => VirtualHardware.Default with { MemoryMiB = 0 });

    [TestMethod]
    public void With_NegativeWallTime_Throws() =>
        Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => Limits.Default with { WallTime = TimeSpan.FromSeconds(-1) });

    [TestMethod]
    [DataRow("1BAD")]
    [DataRow("A-B")]
    [DataRow("")]
    public void Environment_BadName_Throws(string name) =>
        Assert.ThrowsExactly<ArgumentException>(() => new GuestCommand { Executable = "x", Environment = new Dictionary<string, string> { [name] = "v" } });

    [TestMethod]
    public void WorkingDirectory_Relative_Throws() =>
        Assert.ThrowsExactly<ArgumentException>(() => new GuestCommand { Executable = "x", WorkingDirectory = "work" });

    [TestMethod]
    [DataRow("52:54:00:12:34:56", "52:54:00:12:34:56")]
    [DataRow("02:AB:cd:EF:00:01", "02:ab:cd:ef:00:01")]
    public void MacAddress_Unicast_IsKeptInLowerCase(string given, string kept) =>
        Assert.AreEqual(kept, new WorkUnit { Name = "job", Command = True, MacAddress = given }.MacAddress);

    [TestMethod]
    [DataRow("01:00:5e:00:00:01", DisplayName = "multicast")]
    [DataRow("52-54-00-12-34-56", DisplayName = "dashes")]
    [DataRow("52:54:00:12:34", DisplayName = "five octets")]
    public void MacAddress_NotAUnicastAddress_Throws(string given) =>
        Assert.ThrowsExactly<ArgumentException>(() => new WorkUnit { Name = "job", Command = True, MacAddress = given });

    [TestMethod]
    [DataRow("vda", "virtio", 0)]
    [DataRow("xvdb", "virtio", 1)]
    [DataRow("hdd", "ide", 3)]
    [DataRow("sda2", "scsi", 0)]
    [DataRow("vdaa", "virtio", 26)]
    public void DiskDevices_ValidName_GivesBusAndIndex(string device, string bus, int index)
    {
        Assert.AreEqual(bus, DiskDevices.QemuBus(device));
        Assert.AreEqual(index, DiskDevices.Index(device));
    }

    [TestMethod]
    [DataRow("fd0")]
    [DataRow("vd")]
    [DataRow("VDA")]
    [DataRow("nvme0n1")]
    public void AttachedDisk_UnknownDevice_Throws(string device) =>
        Assert.ThrowsExactly<ArgumentException>(() => new AttachedDisk(ImageLocation.FromHostPath("/d.img"), device));

    [TestMethod]
    public void Inconsistency_AgreeingParts_IsNull()
    {
        var unit = new WorkUnit
        {
            Name = "vm",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/root.img"), device: "vda"),
            Disks = [new AttachedDisk(ImageLocation.FromHostPath("/in.img"), "vdb", readOnly: true)],
            Kernel = new KernelBoot { Kernel = "/vmlinuz" },
        };

        Assert.IsNull(unit.Inconsistency());
    }

    [TestMethod]
    public void Inconsistency_FifthIdeDisk_SaysTheBusIsFull()
    {
        var unit = new WorkUnit
        {
            Name = "vm",
            Image = new ImageSpec(ImageKind.BootableDisk, ImageLocation.FromHostPath("/root.img")),
            Disks = [new AttachedDisk(ImageLocation.FromHostPath("/in.img"), "hde")],
        };

        Assert.AreEqual("device hde is not on QEMU's IDE bus, which has hda to hdd", unit.Inconsistency());
    }

    [TestMethod]
    public void KernelBoot_RootAndParameters_MakeTheCommandLine()
    {
        Assert.AreEqual("root=/dev/vda console=ttyS0", new KernelBoot { Kernel = "/k", Root = "/dev/vda", Parameters = " console=ttyS0 " }.CommandLine);
        Assert.AreEqual(string.Empty, new KernelBoot { Kernel = "/k" }.CommandLine);
        Assert.ThrowsExactly<ArgumentException>(() => new KernelBoot { Kernel = "vmlinuz" });
        Assert.ThrowsExactly<ArgumentException>(() => new KernelBoot { Kernel = "/k", Parameters = "a\nb" });
    }
}
