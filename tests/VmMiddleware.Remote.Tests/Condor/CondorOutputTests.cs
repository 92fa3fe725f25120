using VmMiddleware.Remote.Condor;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Tests.Condor;

/// <summary>HTCondor is not installed here: its tools' output is held in the forms their documentation and code give (condor_submit's summary line; -json ads as CondorClassAdListWriter writes them), and the command lines are checked.</summary>
[TestClass]
public sealed class CondorOutputTests
{
    [TestMethod]
    public void SubmittedCluster_SubmitSummary_GivesTheCluster() =>
        Assert.AreEqual(452, CondorOutput.SubmittedCluster("Submitting job(s).\n1 job(s) submitted to cluster 452.\n"));

    [TestMethod]
    public void SubmittedCluster_NoSummary_IsNull() => Assert.IsNull(CondorOutput.SubmittedCluster("ERROR: on Line 3 of submit file:\n"));

    [TestMethod]
    public void FirstJob_NoMatch_PrintsNothingAndIsNull() => Assert.IsNull(CondorOutput.FirstJob(""));

    [TestMethod]
    public void FirstJob_HeldJob_GivesStatusAndReason()
    {
        var ad = CondorOutput.FirstJob("[\n{\n  \"ClusterId\": 42,\n  \"HoldReason\": \"Error from slot1: out of disk\",\n  \"JobStatus\": 5,\n  \"ProcId\": 0\n}\n]\n");

        Assert.AreEqual(new CondorJobAd(5, null, false, null, "Error from slot1: out of disk", null), ad);
    }

    [TestMethod]
    public void FirstJob_NotJson_ThrowsFormatException() => Assert.ThrowsExactly<FormatException>(() => CondorOutput.FirstJob("-- Schedd: x\n"));

    [TestMethod]
    [DataRow(1, null, false, "idle", null)]
    [DataRow(2, null, false, "running", null)]
    [DataRow(6, null, false, "running", null)]
    [DataRow(3, null, false, "removed", null)]
    [DataRow(4, 0, false, "completed", 0)]
    [DataRow(4, 3, false, "failed", 3)]
    [DataRow(4, 120, false, "failed", null)]
    [DataRow(4, null, true, "failed", null)]
    [DataRow(5, null, false, "held", null)]
    [DataRow(7, null, false, "held", null)]
    public void Map_JobStatus_OntoTheOneVocabulary(int jobStatus, int? exitCode, bool bySignal, string state, int? reportedExit)
    {
        var status = CondorClient.Map(new CondorJobAd(jobStatus, exitCode, bySignal, bySignal ? 9 : null, "why", "removed by user"));

        Assert.AreEqual(state, status.StateName);
        Assert.AreEqual(reportedExit, status.ExitCode);
        Assert.AreEqual("HTCondor JobStatus " + jobStatus, status.Native);
    }

    [TestMethod]
    public async Task StatusAsync_NotInTheQueue_AsksTheHistory()
    {
        var runner = new FakeProcessRunner((file, _) => file == "condor_q" ? (0, "", "") : (0, "[\n{ \"ExitCode\": 3, \"ExitBySignal\": false, \"JobStatus\": 4 }\n]\n", ""));

        var status = await new CondorClient(runner).StatusAsync("42.0", CancellationToken.None);

        Assert.AreEqual(new JobStatus(JobState.Failed, 3, "exit code 3", "HTCondor JobStatus 4"), status);
        CollectionAssert.AreEqual(
            new[]
            {
                "condor_q -json -attributes " + CondorJobAd.Attributes + " 42.0",
                "condor_history -json -limit 1 -attributes " + CondorJobAd.Attributes + " 42.0",
            },
            runner.Calls);
    }

    [TestMethod]
    public async Task SubmitAsync_FromTheSubmitFilesDirectory_ReturnsClusterDotZero()
    {
        var runner = new FakeProcessRunner((_, _) => (0, "Submitting job(s).\n1 job(s) submitted to cluster 7.\n", ""));

        var job = await new CondorClient(runner).SubmitAsync("/jobs/x/job.sub", CancellationToken.None);

        Assert.AreEqual("7.0", job);
        StringAssert.Contains(runner.Calls.Single(), "exec condor_submit");
        StringAssert.EndsWith(runner.Calls.Single(), " /jobs/x/job.sub");
    }

    [TestMethod]
    public void RemoveCommand_IsCondorRm() => CollectionAssert.AreEqual(new[] { "condor_rm", "42.0" }, CondorClient.RemoveCommand("42.0").ToArray());
}
