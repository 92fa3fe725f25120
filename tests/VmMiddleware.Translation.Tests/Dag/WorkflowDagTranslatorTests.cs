using VmMiddleware.Submit;
using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Tests.Dag;

[TestClass]
public sealed class WorkflowDagTranslatorTests
{
    private static DagJob Pipeline() =>
        WorkflowDagTranslator.Translate(WorkflowReader.Read(Path.Combine(AppContext.BaseDirectory, "examples", "pipeline.workflow.xml")), new CondorTranslationOptions());

    [TestMethod]
    public void Translate_PipelineExample_MatchesGoldenFiles()
    {
        var dag = Pipeline();

        Golden.AssertMatches(Path.Combine("Dag", "pipeline.approved.dag"), dag.DagText);
        foreach (var node in dag.Nodes)
        {
            Golden.AssertMatches(Path.Combine("Dag", $"pipeline.{node.Name}.approved.sub"), SubmitDescriptionWriter.Write(node.Job.Submit));
        }

        Golden.AssertMatches(Path.Combine("Dag", "pipeline.report.workunit.approved.xml"), WorkUnitWriter.ToXml(dag.Nodes[1].Job.ExecuteWorkUnit, JobLayout.Root));
    }

    [TestMethod]
    public void Translate_Edge_HandsTheParentsOutputToTheChild()
    {
        var report = Pipeline().Nodes.Single(n => n.Name == "report");

        var parsed = SubmitFile.ExpandText(SubmitDescriptionWriter.Write(report.Job.Submit), "report.sub").Jobs.Single();

        Assert.AreEqual("../vmgrid", parsed.Find("executable")!.Value);
        Assert.AreEqual("workunit.xml, ../qemu-bundle.tar.gz, ../reference-guest.tar.gz, ../produce/out/sum.txt", parsed.Find("transfer_input_files")!.Value);
        Assert.AreEqual(new InputItem("/vmgrid-job/sum.txt", "sum.txt"), report.Job.ExecuteWorkUnit.Inputs.Single());
    }

    [TestMethod]
    public void Translate_Dag_NamesEachNodesSubmitFileAndDirectory()
    {
        var dag = Pipeline();

        CollectionAssert.AreEqual(
            new[] { "JOB produce produce.sub DIR produce", "JOB report report.sub DIR report", "RETRY produce 2", "PARENT produce CHILD report" },
            dag.DagText.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).ToArray());
    }

    [TestMethod]
    public void Translate_TwoEdgesDeliveringOneFileName_IsRefusedNamingTheNode()
    {
        var unit = WorkUnitReader.Read(Path.Combine(AppContext.BaseDirectory, "examples", "hello.workunit.xml"));
        var workflow = new Workflow
        {
            Name = "w",
            Nodes = [new WorkflowNode("a", unit), new WorkflowNode("b", unit), new WorkflowNode("c", unit)],
            Edges = [new WorkflowEdge("a", "sum.txt", "c", "a.txt"), new WorkflowEdge("b", "sum.txt", "c", "b.txt")],
        };

        var error = Assert.ThrowsExactly<ArgumentException>(() => WorkflowDagTranslator.Translate(workflow, new CondorTranslationOptions()));

        StringAssert.StartsWith(error.Message, "node 'c': ");
    }

    [TestMethod]
    public void Translate_TenThousandNodeChain_MakesEveryNodeAndParentLine()
    {
        var unit = WorkUnitReader.Read(Path.Combine(AppContext.BaseDirectory, "examples", "hello.workunit.xml"));
        var names = Enumerable.Range(0, 10_000).Select(i => "n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var workflow = new Workflow
        {
            Name = "big",
            Nodes = [.. names.Select(name => new WorkflowNode(name, unit, 0))],
            Edges = [.. names.Skip(1).Select((name, i) => new WorkflowEdge(names[i], "sum.txt", name, "sum.txt"))],
        };

        var dag = WorkflowDagTranslator.Translate(workflow, new CondorTranslationOptions());

        Assert.HasCount(10_000, dag.Nodes);
        var lines = dag.DagText.Split('\n');
        Assert.AreEqual(9_999, lines.Count(line => line.StartsWith("PARENT ", StringComparison.Ordinal)));
        Assert.Contains("PARENT n9998 CHILD n9999", lines);
        StringAssert.Contains(SubmitDescriptionWriter.Write(dag.Nodes[9_999].Job.Submit), "../n9998/out/sum.txt");
    }
}
