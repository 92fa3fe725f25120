using VmMiddleware.Factory.Building;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;

namespace VmMiddleware.Factory.Tests.Building;

[TestClass]
public sealed class FinishedTicketsTests
{
    [TestMethod]
    public void Add_BeyondCapacity_ForgetsTheOldestKeepsTheNewest()
    {
        var finished = new FinishedTickets(2);
        finished.Add(Runtime("a"));
        finished.Add(Runtime("b"));
        finished.Add(Runtime("c"));

        Assert.IsNull(finished.Find("a"), "the oldest is read from the database again");
        Assert.AreEqual("b", finished.Find("b")!.Record.Id);
        Assert.AreEqual("c", finished.Find("c")!.Record.Id);
        Assert.AreEqual(2, finished.Count);
    }

    [TestMethod]
    public void Add_SameTicketTwice_HeldOnce()
    {
        var finished = new FinishedTickets(2);
        var runtime = Runtime("a");
        finished.Add(runtime);
        finished.Add(runtime);
        finished.Add(Runtime("b"));

        Assert.AreSame(runtime, finished.Find("a"));
        Assert.AreEqual(2, finished.Count);
    }

    private static TicketRuntime Runtime(string id) =>
        new(new TicketRecord(id, "alice", "/CN=alice", TicketStates.Succeeded, "qcow2", "<vmconfig/>", "/tmp/r", DateTime.UtcNow, DateTime.UtcNow, null, null, 0, [], 0));
}
