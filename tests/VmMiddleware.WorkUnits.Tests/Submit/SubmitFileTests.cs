using VmMiddleware.WorkUnits.Submit;

namespace VmMiddleware.WorkUnits.Tests.Submit;

[TestClass]
public sealed class SubmitFileTests
{
    [TestMethod]
    public void ExpandText_NoQueueStatement_QueuesOneJobAsCondorSubmitDoes()
    {
        var expansion = SubmitFile.ExpandText("executable = /bin/true\n# a comment\narguments = $(Process)\n", "noqueue.sub");

        Assert.IsFalse(expansion.HasQueueStatement);
        var job = expansion.Jobs.Single();
        Assert.AreEqual(0, job.ProcId);
        Assert.AreEqual(3, job.QueueLine);
        Assert.AreEqual("0", job.Get("arguments"));
    }

    [TestMethod]
    public void ExpandText_EmptyQueueStatement_QueuesNothingAndNoImplicitJob()
    {
        var expansion = SubmitFile.ExpandText("executable = /bin/true\nqueue 0\n", "zero.sub");

        Assert.IsTrue(expansion.HasQueueStatement);
        Assert.IsEmpty(expansion.Jobs);
    }
}
