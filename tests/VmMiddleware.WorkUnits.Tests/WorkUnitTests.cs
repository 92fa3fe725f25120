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
}
