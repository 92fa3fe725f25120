using VmMiddleware.WorkUnits.Workflow;
using WorkflowModel = VmMiddleware.WorkUnits.Workflow.Workflow;

namespace VmMiddleware.WorkUnits.Tests.Workflow;

[TestClass]
public sealed class WorkflowReaderTests
{
    private static string Examples => Path.Combine(AppContext.BaseDirectory, "examples");

    [TestMethod]
    public void Read_PipelineExample_HasBothNodesAndTheEdge()
    {
        var workflow = WorkflowReader.Read(Path.Combine(Examples, "pipeline.workflow.xml"));

        Assert.AreEqual("pipeline", workflow.Name);
        CollectionAssert.AreEqual(new[] { "produce", "report" }, workflow.Nodes.Select(n => n.Name).ToArray());
        Assert.AreEqual("hello", workflow.Find("produce")!.WorkUnit.Name);
        Assert.AreEqual(2, workflow.Find("produce")!.Retry);
        Assert.AreEqual("report", workflow.Find("report")!.WorkUnit.Name);
        Assert.AreEqual(new WorkflowEdge("produce", "sum.txt", "report", "sum.txt"), workflow.Edges.Single());
    }

    [TestMethod]
    [DataRow("""<edge from="produce" output="sum.txt" to="ghost"/>""", "(line 5, column 39): edge to 'ghost': no node named 'ghost'; expected one of: produce, report")]
    [DataRow("""<edge from="nobody" output="sum.txt" to="report"/>""", "(line 5, column 7): edge from 'nobody': no node named 'nobody'")]
    [DataRow("""<edge from="produce" output="mean.txt" to="report"/>""", "(line 5, column 22): edge from 'produce': 'mean.txt' is not a file output of node 'produce'; expected one of: sum.txt")]
    [DataRow("""<edge from="produce" output="sum.txt" to="report"/><edge from="report" output="r.txt" to="produce"/>""", "(line 5, column 53): the edges form a cycle through node 'produce': produce -> report -> produce")]
    [DataRow("""<edge from="produce" output="sum.txt" to="report" input="../x"/>""", "(line 5, column 51): edge to 'report': the input '../x' contains '..'")]
    [DataRow("""<edge from="produce" output="sum.txt" to="report"/><edge from="produce" output="sum.txt" to="report"/>""", "node 'report' already has an input 'sum.txt'")]
    public void Read_BadEdge_NamesTheNodeAndPosition(string edges, string expected)
    {
        var error = Assert.ThrowsExactly<WorkUnitFormatException>(() => Parse(Nodes("sum.txt"), edges));

        StringAssert.Contains(error.Message, expected);
        StringAssert.StartsWith(error.Message, "flow.xml(line");
    }

    [TestMethod]
    public void Read_Cycle_IsRejectedNamingTheNodes()
    {
        var nodes = """
            <node name="a"><workunit xmlns="urn:vmmiddleware:workunit:1" name="a"><image kind="reference-guest"/><command executable="/bin/true"/><outputs><file path="x"/></outputs></workunit></node>
            <node name="b"><workunit xmlns="urn:vmmiddleware:workunit:1" name="b"><image kind="reference-guest"/><command executable="/bin/true"/><outputs><file path="y"/></outputs></workunit></node>
            """;

        var error = Assert.ThrowsExactly<WorkUnitFormatException>(() => Parse(nodes.ReplaceLineEndings(string.Empty), """<edge from="a" output="x" to="b"/><edge from="b" output="y" to="a"/>"""));

        StringAssert.Contains(error.Message, "the edges form a cycle through node 'a': a -> b -> a");
    }

    [TestMethod]
    [DataRow("""<node name="a"/>""", "node 'a' has no work unit; expected exactly one of")]
    [DataRow("""<node name="a" workunit="missing.workunit.xml"/>""", "(line 3, column 16): node 'a': work unit missing.workunit.xml: the file does not exist")]
    [DataRow("""<node name="Parent" workunit="x.xml"/>""", "node 'Parent': PARENT and CHILD are DAGMan keywords")]
    [DataRow("""<node name="a.b" workunit="x.xml"/>""", "(line 3, column 7):")]
    [DataRow("""<node name="a" retry="-1" workunit="x.xml"/>""", "(line 3, column 16):")]
    [DataRow("""<node name="a"><workunit xmlns="urn:vmmiddleware:workunit:1" name="a"><command executable="/bin/true"/></workunit></node>""", "(line 3, column ")]
    public void Read_BadNode_NamesFileLineAndCause(string node, string expected)
    {
        var error = Assert.ThrowsExactly<WorkUnitFormatException>(() => Parse(node, string.Empty));

        StringAssert.Contains(error.Message, expected);
    }

    [TestMethod]
    public void Read_DuplicateNode_IsRejected()
    {
        var error = Assert.ThrowsExactly<WorkUnitFormatException>(() => Parse(Nodes("sum.txt") + """<node name="report" workunit="hello.workunit.xml"/>""", string.Empty));

        StringAssert.Contains(error.Message, "node 'report' is defined twice");
    }

    [TestMethod]
    public void Read_Dtd_IsRefused()
    {
        var text = "<?xml version=\"1.0\"?>\n<!DOCTYPE workflow [<!ENTITY x \"y\">]>\n<workflow xmlns=\"urn:vmmiddleware:workflow:1\" name=\"w\"/>";

        var error = Assert.ThrowsExactly<WorkUnitFormatException>(() => WorkflowReader.Read(text, "flow.xml", Examples));

        StringAssert.Contains(error.Message, "flow.xml(line 2, column 1): a document type declaration");
    }

    private static string Nodes(string output) => $"""
        <node name="produce" workunit="hello.workunit.xml"/><node name="report"><workunit xmlns="urn:vmmiddleware:workunit:1" name="report"><image kind="reference-guest"/><command executable="/bin/true"/><outputs><file path="{output}"/><file path="r.txt"/></outputs></workunit></node>
        """;

    // Line 3 holds the nodes, line 5 the edges.
    private static WorkflowModel Parse(string nodes, string edges) =>
        WorkflowReader.Read(
            "<?xml version=\"1.0\"?>\n<workflow xmlns=\"urn:vmmiddleware:workflow:1\" name=\"w\">\n" + nodes + "\n\n" + edges + "\n</workflow>\n",
            "flow.xml",
            Examples);

    [TestMethod]
    public void Read_TenThousandNodeCycle_NamesTheCycleInOneShortLine()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-cycle-").FullName;
        try
        {
            var path = LargeWorkflowFiles.WriteChain(directory, 10_000, closeCycle: true);

            var e = Assert.ThrowsExactly<WorkUnitFormatException>(() => WorkflowReader.Read(path));

            Assert.AreEqual(
                $"{path}(line 20001, column 2): the edges form a cycle through node 'n0': n0 -> n1 -> n2 -> n3 -> n4 -> n5 -> ... (10000 nodes) -> n9999 -> n0; expected an acyclic workflow",
                e.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Read_TenThousandNodeChain_ReadsEveryNodeAndEdge()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-chain-").FullName;
        try
        {
            var workflow = WorkflowReader.Read(LargeWorkflowFiles.WriteChain(directory, 10_000, closeCycle: false));

            Assert.HasCount(10_000, workflow.Nodes);
            Assert.HasCount(9_999, workflow.Edges);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [TestMethod]
    public void Read_EdgeToUnknownNodeAmongMany_ListsOnlyTheFirstNames()
    {
        var directory = Directory.CreateTempSubdirectory("vmgrid-ghost-").FullName;
        try
        {
            var path = LargeWorkflowFiles.WriteChain(directory, 20, closeCycle: false);
            File.WriteAllText(path, File.ReadAllText(path).Replace("</workflow>", "<edge from=\"n0\" output=\"o\" to=\"ghost\"/>\n</workflow>", StringComparison.Ordinal));

            var e = Assert.ThrowsExactly<WorkUnitFormatException>(() => WorkflowReader.Read(path));

            Assert.AreEqual("edge to 'ghost': no node named 'ghost'; expected one of: n0, n1, n2, n3, n4, n5, n6, n7, ... (20 nodes)", e.Detail);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
