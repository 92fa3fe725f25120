using VmMiddleware.Translation.Rsl;

namespace VmMiddleware.Integration.Tests.Gram;

/// <summary>jobmanager-vm's site limit (max_running = 1 in its globus-vm.conf) under a real personal gatekeeper: jobs beyond it wait PENDING and start, in order, as slots free.</summary>
[TestClass]
[TestCategory("Gram")]
public sealed class GramVmAdapterLimitTests
{
    private static GramRig? rig;

    private static GramRig Rig => rig ?? throw new InvalidOperationException("the rig did not start");

    [ClassInitialize]
    public static void StartRig(TestContext context) => rig = GramRig.Start("vm", maxRunning: 1);

    [ClassCleanup]
    public static void StopRig() => rig?.Dispose();

    [TestMethod]
    public void Submit_BeyondMaxRunning_WaitsPendingAndStartsInOrderAsSlotsFree()
    {
        var (first, firstJob) = Submit("first");
        Rig.WaitForJobState(firstJob, "ACTIVE");
        var (second, secondJob) = Submit("second");
        var (third, thirdJob) = Submit("third");

        Assert.AreEqual("PENDING", Rig.JobState(secondJob));
        Assert.AreEqual("PENDING", Rig.JobState(thirdJob));
        Assert.IsFalse(File.Exists(Path.Combine(second, "started")), "the second job started beyond the limit");
        Assert.IsFalse(File.Exists(Path.Combine(third, "started")), "the third job started beyond the limit");

        Finish(first);
        Rig.WaitForJobState(firstJob, "DONE");
        Rig.WaitForJobState(secondJob, "ACTIVE");
        Assert.IsTrue(File.Exists(Path.Combine(second, "started")));
        Assert.AreEqual("PENDING", Rig.JobState(thirdJob), "the third job should still wait: the second holds the one slot");
        Assert.IsFalse(File.Exists(Path.Combine(third, "started")));

        Finish(second);
        Rig.WaitForJobState(thirdJob, "ACTIVE");
        Finish(third);
        Rig.WaitForJobState(thirdJob, "DONE");
        Assert.IsTrue(File.Exists(Path.Combine(third, "started")));
    }

    [TestMethod]
    public void Cancel_QueuedJob_NeverStartsAndGivesUpItsPlace()
    {
        var (holder, holderJob) = Submit("holder");
        Rig.WaitForJobState(holderJob, "ACTIVE");
        var (queued, queuedJob) = Submit("queued");
        Assert.AreEqual("PENDING", Rig.JobState(queuedJob));

        var cancel = Rig.Client("globus-job-cancel", "-f", queuedJob);
        Assert.AreEqual(0, cancel.ExitCode, cancel.Stdout + cancel.Stderr);
        var (next, nextJob) = Submit("next");
        Finish(holder);

        // The slot goes to the job behind the cancelled one, which never runs.
        Rig.WaitForJobState(nextJob, "ACTIVE");
        Assert.IsFalse(File.Exists(Path.Combine(queued, "started")), "the cancelled job started");
        var tickets = Directory.GetFiles(Path.Combine(Rig.Directory, "vm-slots"), "queue.*");
        CollectionAssert.AreEqual(Array.Empty<string>(), tickets, "a waiting job's ticket was left behind");
        Finish(next);
        Rig.WaitForJobState(nextJob, "DONE");
    }

    /// <summary>Submits a job that marks its start and runs until the test creates its finish file; returns its directory and contact.</summary>
    private static (string Directory, string Job) Submit(string name)
    {
        var work = Rig.NewWorkDirectory(name);
        var request = new RslRequest(
            new RslRelation("executable", RslValue.Literal("/bin/sh")),
            new RslRelation("arguments", RslValue.Literal("-c"), RslValue.Literal("touch started; while [ ! -e finish ]; do sleep 0.1; done")),
            new RslRelation("directory", RslValue.Literal(work)));
        return (work, Rig.SubmitBatch(request));
    }

    private static void Finish(string work) => File.WriteAllText(Path.Combine(work, "finish"), string.Empty);
}
