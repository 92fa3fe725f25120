using System.Collections.Concurrent;

namespace VmMiddleware.Factory.Building;

/// <summary>The most recently finished tickets, kept in memory so that polling a finished ticket reads no database (bounded: the oldest are forgotten first and then read from the database).</summary>
/// <param name="capacity">How many finished tickets to keep.</param>
internal sealed class FinishedTickets(int capacity)
{
    private readonly ConcurrentDictionary<string, TicketRuntime> _tickets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _order = new();

    /// <summary>Gets how many tickets are held.</summary>
    public int Count => _tickets.Count;

    /// <summary>Remembers finished ticket <paramref name="runtime"/>, forgetting the oldest beyond the capacity.</summary>
    public void Add(TicketRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (_tickets.TryAdd(runtime.Record.Id, runtime))
        {
            _order.Enqueue(runtime.Record.Id);
        }

        while (_tickets.Count > capacity && _order.TryDequeue(out var oldest))
        {
            _tickets.TryRemove(oldest, out _);
        }
    }

    /// <summary>Returns finished ticket <paramref name="id"/>, or null when it is not held.</summary>
    public TicketRuntime? Find(string id) => _tickets.TryGetValue(id, out var runtime) ? runtime : null;
}
