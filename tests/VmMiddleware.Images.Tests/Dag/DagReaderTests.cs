using VmMiddleware.Images.Dag;

namespace VmMiddleware.Images.Tests.Dag;

[TestClass]
public sealed class DagReaderTests
{
    [TestMethod]
    public void Read_ToolsExample_HasBaseAndFourActions()
    {
        var dag = DagReader.Read(Path.Combine(TestDags.ExamplesDirectory, "tools.vmconfig.xml"));

        Assert.AreEqual("tools", dag.Name);
        Assert.AreEqual("debian", dag.Base.Id);
        CollectionAssert.AreEqual(new[] { "debian", "data", "stamp", "alice", "hello" }, dag.Nodes.Select(n => n.Id).ToArray());
        var packages = (PackagesAction)dag.Nodes.Single(n => n.Id == "hello").Action;
        Assert.IsTrue(File.Exists(Path.Combine(packages.Directory!, "vmgrid-hello_1.0_all.deb")));
        Assert.AreEqual(4, dag.Edges.Count);
    }

    [TestMethod]
    public void Read_EveryExample_IsValid()
    {
        var files = Directory.GetFiles(TestDags.ExamplesDirectory, "*.vmconfig.xml");

        Assert.IsNotEmpty(files);
        foreach (var file in files)
        {
            _ = NodeHasher.Hash(DagReader.Read(file));
        }
    }

    [TestMethod]
    [DataRow("../../../../etc", "resolves to /etc, outside the configuration's directory {0}")]
    [DataRow("/etc", "resolves to /etc, outside the configuration's directory {0}")]
    [DataRow("data/../../outside.txt", "resolves to {1}/outside.txt, outside the configuration's directory {0}")]
    [DataRow("etc-link", "is or goes through a symbolic link to /etc, outside the configuration's directory {0}")]
    [DataRow("etc-link/passwd", "is or goes through a symbolic link to /etc/passwd, outside the configuration's directory {0}")]
    [DataRow("up-link/outside.txt", "is or goes through a symbolic link to {1}/outside.txt, outside the configuration's directory {0}")]
    public void Parse_CopySourceOutsideConfigDirectory_PositionedErrorNamingActionAndSource(string source, string escape)
    {
        var sandbox = Directory.CreateTempSubdirectory("vmconfig-escape-").FullName;
        try
        {
            var config = Directory.CreateDirectory(Path.Combine(sandbox, "config")).FullName;
            Directory.CreateDirectory(Path.Combine(config, "data"));
            File.WriteAllText(Path.Combine(sandbox, "outside.txt"), "host secret");
            File.CreateSymbolicLink(Path.Combine(config, "etc-link"), "/etc");
            File.CreateSymbolicLink(Path.Combine(config, "up-link"), "..");
            var xml = TestDags.Xml([$"<copy id=\"leak\" source=\"{source}\" target=\"/opt/x\"/>"], ["b0>leak"]);

            var e = Assert.ThrowsExactly<DagFormatException>(() => DagReader.Parse(xml, "t.vmconfig.xml", config));

            var expected = string.Format(System.Globalization.CultureInfo.InvariantCulture, escape, config, sandbox);
            Assert.AreEqual($"t.vmconfig.xml(line 4, column 2): copy 'leak': the source '{source}' {expected}; expected a path inside it", e.Message);
            Assert.AreEqual("leak", e.NodeId);
        }
        finally
        {
            Directory.Delete(sandbox, recursive: true);
        }
    }

    [TestMethod]
    public void Parse_CopySourceInsideThroughInTreeLink_Accepted()
    {
        var config = Directory.CreateTempSubdirectory("vmconfig-inside-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(config, "data"));
            File.WriteAllText(Path.Combine(config, "data", "f.txt"), "mine");
            File.CreateSymbolicLink(Path.Combine(config, "alias"), "data");
            var xml = TestDags.Xml(["<copy id=\"c\" source=\"alias/f.txt\" target=\"/opt/f.txt\"/>"], ["b0>c"]);

            var dag = DagReader.Parse(xml, "t.vmconfig.xml", config);

            Assert.AreEqual(Path.Combine(config, "alias", "f.txt"), ((CopyAction)dag.Nodes.Single(n => n.Id == "c").Action).Source);
        }
        finally
        {
            Directory.Delete(config, recursive: true);
        }
    }

    [TestMethod]
    public void Parse_Cycle_NamesNodeOnCycle()
    {
        var xml = TestDags.Xml([TestDags.Script("a"), TestDags.Script("b"), TestDags.Script("c")], ["b0>a", "a>b", "b>c", "c>a"]);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "is on a cycle: 'a' -> 'b' -> 'c' -> 'a'");
        Assert.AreEqual("a", e.NodeId);
        Assert.AreEqual(4, e.Line);
    }

    [TestMethod]
    public void Parse_DanglingEdge_NamesUnknownNode()
    {
        var xml = TestDags.Xml([TestDags.Script("a")], ["b0>a", "a>ghost"]);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        Assert.AreEqual("t.vmconfig.xml(line 8, column 2): edge 'a' -> 'ghost' names the unknown node 'ghost' (dangling edge); expected the id of an action", e.Message);
    }

    [TestMethod]
    public void Parse_UnknownAction_NamesElementAndNode()
    {
        var xml = TestDags.Xml(["<reboot id=\"r1\"/>"], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.StartsWith(e.Message, "t.vmconfig.xml(line 4, column 2): unknown action <reboot> (node 'r1'); expected one of: <base>, <copy>");
        Assert.AreEqual("r1", e.NodeId);
    }

    [TestMethod]
    public void Parse_TwoBases_NamesSecond()
    {
        var xml = TestDags.Xml(["<base id=\"other\" ref=\"x\"/>"], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "node 'other' is a second base (the first is 'b0')");
    }

    [TestMethod]
    public void Parse_NoBase_Rejected()
    {
        var xml = TestDags.Header + "<actions><script id=\"a\">true</script></actions></vmconfig>";

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "has no base; expected exactly one <base> action");
    }

    [TestMethod]
    public void Parse_EdgeIntoBase_NamesBase()
    {
        var xml = TestDags.Xml([TestDags.Script("a")], ["a>b0"]);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "leads into the base 'b0'");
    }

    [TestMethod]
    public void Parse_DuplicateId_NamesNode()
    {
        var xml = TestDags.Xml([TestDags.Script("a"), TestDags.Script("a")], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "node 'a' is defined twice");
    }

    [TestMethod]
    public void Parse_SchemaViolation_NamesNodeWithPosition()
    {
        var xml = TestDags.Xml(["<user id=\"u1\" name=\"Bad Name\"/>"], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.StartsWith(e.Message, "t.vmconfig.xml(line 4, column 15): node 'u1': the 'name' attribute is invalid");
    }

    [TestMethod]
    public void Parse_Dtd_Rejected()
    {
        var xml = "<!DOCTYPE vmconfig [<!ENTITY x \"y\">]>" + TestDags.Xml([], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "document type declaration");
    }

    [TestMethod]
    public void Parse_ResizeSize_ParsesSuffix()
    {
        var dag = TestDags.Parse(TestDags.Xml(["<resize id=\"r\" size=\"2G\"/>"], []));

        Assert.AreEqual(2L << 30, ((ResizeAction)dag.Nodes[1].Action).SizeBytes);
    }

    [TestMethod]
    [DataRow("2g", 2L << 30)]
    [DataRow("4KiB", 4096L)]
    [DataRow("512B", 512L)]
    [DataRow("1024", 1024L)]
    public void Parse_ResizeSize_AcceptsTheOneSizeSyntaxBareNumberBytes(string size, long bytes)
    {
        var dag = TestDags.Parse(TestDags.Xml([$"<resize id=\"r\" size=\"{size}\"/>"], []));

        Assert.AreEqual(bytes, ((ResizeAction)dag.Nodes[1].Action).SizeBytes);
    }

    [TestMethod]
    public void Parse_ResizeSizeTooLarge_PositionedErrorNamingNode()
    {
        var xml = TestDags.Xml(["<resize id=\"r\" size=\"99999999T\"/>"], []);

        var e = Assert.ThrowsExactly<DagFormatException>(() => TestDags.Parse(xml));

        StringAssert.Contains(e.Message, "resize 'r': the size '99999999T' is too large; expected at most 8388607T");
        Assert.AreEqual("r", e.NodeId);
        Assert.IsGreaterThan(0, e.Line);
    }
}
