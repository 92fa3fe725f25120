using VmMiddleware.Factory.Building;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Building;

namespace VmMiddleware.Factory.Tests.Building;

[TestClass]
public sealed class TicketRuntimeTests
{
    [TestMethod]
    public void Tail_SeededFromARecordedTail_ContinuesItAndShowsInTheStatus()
    {
        var runtime = new TicketRuntime(Record(), "accepted\naction 1/3 one");

        runtime.Log("resumed after a service restart");

        Assert.AreEqual("accepted\naction 1/3 one\nresumed after a service restart", runtime.Tail);
        Assert.AreEqual(runtime.Tail, runtime.ToStatus().LogTail);
    }

    [TestMethod]
    public void Tail_LongRecordedTailAndLongLines_BoundedToTheLastLinesClipped()
    {
        var recorded = string.Join('\n', Enumerable.Range(0, 50).Select(i => "line " + i));
        var runtime = new TicketRuntime(Record(), recorded);

        runtime.Log(new string('x', 1000));
        var lines = runtime.Tail.Split('\n');

        Assert.HasCount(TicketRuntime.TailLines, lines);
        Assert.AreEqual("line 31", lines[0]);
        Assert.AreEqual(new string('x', TicketRuntime.LineLength) + "...", lines[^1]);
    }

    [TestMethod]
    public void Report_PhaseOrActionChange_LogsALineAndSaysSo()
    {
        var runtime = new TicketRuntime(Record());

        Assert.IsTrue(runtime.Report(new BuildProgress("action", 1, 2, "one", 0)));
        Assert.IsFalse(runtime.Report(new BuildProgress("action", 1, 2, "one", 4096)), "bytes alone log nothing");
        Assert.IsTrue(runtime.Report(new BuildProgress("action", 2, 2, "two", 0)));

        Assert.AreEqual("action 1/2 one\naction 2/2 two", runtime.Tail);
    }

    [TestMethod]
    public async Task SaveTail_ConcurrentSavesWhileLogging_LastSaveHasTheNewestTail()
    {
        var runtime = new TicketRuntime(Record());
        var saved = string.Empty;
        var savers = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 200; n++)
            {
                runtime.Log($"saver {i} line {n}");
                runtime.SaveTail(tail =>
                {
                    Thread.Yield();
                    saved = tail;
                });
            }
        }));

        await Task.WhenAll(savers);

        Assert.AreEqual(runtime.Tail, saved);
    }

    private static TicketRecord Record() =>
        new(new string('e', 32), "alice", "/CN=alice", TicketStates.Running, "qcow2", "<vmconfig/>", "/tmp/request", DateTime.UtcNow, null, null, null, 0, [], 0);
}
