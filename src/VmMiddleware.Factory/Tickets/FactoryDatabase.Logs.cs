namespace VmMiddleware.Factory.Tickets;

// The tail of each ticket's build log (bounded by TicketRuntime: at most 20 lines of at most 400 characters), kept beside the ticket so
// that a client sees the same tail after a restart. Written with synchronous NORMAL, like progress.
internal sealed partial class FactoryDatabase
{
    /// <summary>Records the log tail of ticket <paramref name="id"/>, replacing the one recorded before.</summary>
    public void SetLogTail(string id, string tail) =>
        Execute("INSERT OR REPLACE INTO ticket_logs (id, tail) VALUES ($id, $tail)", [("$id", id), ("$tail", tail)]);

    /// <summary>Returns the recorded log tail of ticket <paramref name="id"/>, or null when none was recorded.</summary>
    public string? LogTail(string id)
    {
        lock (_readGate)
        {
            using var command = Read("SELECT tail FROM ticket_logs WHERE id = $id", [("$id", id)]);
            return command.ExecuteScalar() as string;
        }
    }
}
