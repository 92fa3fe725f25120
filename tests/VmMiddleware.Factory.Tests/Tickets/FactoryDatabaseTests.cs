using Microsoft.Data.Sqlite;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;

namespace VmMiddleware.Factory.Tests.Tickets;

[TestClass]
public sealed class FactoryDatabaseTests
{
    private string _directory = null!;

    private string DatabasePath => Path.Combine(_directory, "factory.db");

    [TestInitialize]
    public void Setup() => _directory = Directory.CreateTempSubdirectory("factory-db-").FullName;

    [TestCleanup]
    public void Cleanup()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

    [TestMethod]
    public void Find_AfterInsertAndUpdate_ReadConnectionSeesEachCommit()
    {
        using var database = FactoryDatabase.Open(DatabasePath);
        var ticket = Ticket("0123456789abcdef0123456789abcdef");
        database.Insert(ticket);
        Assert.AreEqual(TicketStates.Queued, database.Find(ticket.Id)!.State);

        database.Update(ticket with { State = TicketStates.Succeeded, ImageId = new string('a', 64), StatesBuilt = ["x", "y"] });
        var read = database.Find(ticket.Id)!;
        Assert.AreEqual(TicketStates.Succeeded, read.State);
        CollectionAssert.AreEqual(new[] { "x", "y" }, read.StatesBuilt.ToArray());
        Assert.AreEqual(1L, database.CountTickets());
    }

    [TestMethod]
    public void Find_WhileAnotherWriterHoldsAnOpenTransaction_ReturnsTheCommittedRowWithoutWaiting()
    {
        using var database = FactoryDatabase.Open(DatabasePath);
        var ticket = Ticket("fedcba9876543210fedcba9876543210");
        database.Insert(ticket);

        using var writer = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false, DefaultTimeout = 1 }.ToString());
        writer.Open();
        using var transaction = writer.BeginTransaction();
        using (var update = writer.CreateCommand())
        {
            update.Transaction = transaction;
            update.CommandText = "UPDATE tickets SET state = 'Running' WHERE id = $id";
            update.Parameters.AddWithValue("$id", ticket.Id);
            update.ExecuteNonQuery();
        }

        // WAL: the reader sees the last committed version while the writer's transaction is open (a rollback journal would make it wait).
        Assert.AreEqual(TicketStates.Queued, database.Find(ticket.Id)!.State);
        Assert.HasCount(1, database.InStates(TicketStates.Queued));
        transaction.Rollback();
    }

    [TestMethod]
    public void Open_ExistingDatabase_IsInWalModeAndKeepsTicketsOwnersAndExports()
    {
        var ticket = Ticket("00000000000000000000000000000001");
        using (var database = FactoryDatabase.Open(DatabasePath))
        {
            database.Insert(ticket);
            database.SetOwner("s1", "alice", DateTime.UtcNow);
            database.SetExport(new ExportRecord("s1", "qcow2", "/x/s1.qcow2", 42, new string('b', 64)));
        }

        using var reopened = FactoryDatabase.Open(DatabasePath);
        Assert.AreEqual(ticket.Id, reopened.Find(ticket.Id)!.Id);
        Assert.AreEqual("alice", reopened.Owners()["s1"]);
        Assert.AreEqual(42L, reopened.FindExport("s1", "qcow2")!.SizeBytes);

        using var probe = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString());
        probe.Open();
        using var mode = probe.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.AreEqual("wal", (string)mode.ExecuteScalar()!);
    }

    [TestMethod]
    public void LogTail_SetThenReopened_LastRecordedTailReadBack()
    {
        var ticket = Ticket("00000000000000000000000000000002");
        using (var database = FactoryDatabase.Open(DatabasePath))
        {
            database.Insert(ticket);
            Assert.IsNull(database.LogTail(ticket.Id), "no tail recorded yet");
            database.SetLogTail(ticket.Id, "accepted\naction 1/2 one");
            database.SetLogTail(ticket.Id, "accepted\naction 1/2 one\naction 2/2 two");
        }

        using var reopened = FactoryDatabase.Open(DatabasePath);
        Assert.AreEqual("accepted\naction 1/2 one\naction 2/2 two", reopened.LogTail(ticket.Id));
        Assert.IsNull(reopened.LogTail("00000000000000000000000000000003"));
    }

    [TestMethod]
    public void ExportsWithContent_SeveralExportsAndLayerSums_OnlyThoseWithThatSumAndSizeThroughTheIndex()
    {
        using var database = FactoryDatabase.Open(DatabasePath);
        var sum = new string('c', 64);
        database.SetExport(new ExportRecord("s1", "layer", "/x/s1.qcow2", 42, sum));
        database.SetExport(new ExportRecord("s2", "raw", "/x/s2.raw", 42, sum));
        database.SetExport(new ExportRecord("s3", "raw", "/x/s3.raw", 43, sum));
        database.SetExport(new ExportRecord("s4", "qcow2", "/x/s4.qcow2", 42, new string('d', 64)));

        var found = database.ExportsWithContent(sum, 42);

        CollectionAssert.AreEquivalent(new[] { "s1", "s2" }, found.Select(e => e.StateId).ToArray());
        Assert.IsEmpty(database.ExportsWithContent(sum, 44));
        StringAssert.Contains(database.ContentQueryPlan(), "USING INDEX exports_content", "a lookup by content searches the index; it does not scan every export");
    }

    private static TicketRecord Ticket(string id) =>
        new(id, "alice", "/CN=alice", TicketStates.Queued, "qcow2", "<vmconfig/>", "/tmp/request", DateTime.UtcNow, null, null, null, 0, [], 0);
}
