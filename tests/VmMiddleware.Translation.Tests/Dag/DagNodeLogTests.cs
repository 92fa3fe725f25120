using VmMiddleware.Translation.Dag;

namespace VmMiddleware.Translation.Tests.Dag;

[TestClass]
public sealed class DagNodeLogTests
{
    [TestMethod]
    [DataRow("/tmp/work/pipeline-dag", true)]
    [DataRow("/tmp", true)]
    [DataRow("/tmpfs/pipeline", true)] // DAGMan compares the prefix "/tmp" as text, not as a path component
    [DataRow("/home/ann/pipeline-dag", false)]
    [DataRow("/var/tmp/pipeline-dag", false)]
    public void IsRefused_Directory_MatchesDagmansCheck(string directory, bool refused)
    {
        Assert.AreEqual(refused, DagNodeLog.IsRefused(directory));
    }

    [TestMethod]
    public void Reason_TmpDirectory_NamesItAndDagmansRule()
    {
        Assert.AreEqual(
            "/tmp/p is under /tmp, where DAGMan refuses the DAG's node log (\"default node log file ... is in /tmp\" is fatal with its default DAGMAN_USE_STRICT = 1)",
            DagNodeLog.Reason("/tmp/p"));
    }
}
