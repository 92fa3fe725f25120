using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Building;

namespace VmMiddleware.Factory.Building;

/// <summary>A ticket while the service holds it: its record, live progress, the tail of its log, and a completion to wait on.</summary>
/// <param name="record">The ticket as persisted.</param>
/// <param name="tail">The log tail recorded before (lines separated by newlines), or null.</param>
internal sealed class TicketRuntime(TicketRecord record, string? tail = null)
{
    /// <summary>How many lines the tail keeps.</summary>
    internal const int TailLines = 20;

    /// <summary>How many characters of a line the tail keeps.</summary>
    internal const int LineLength = 400;

    private readonly Queue<string> _tail = new(Bounded(tail));
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private readonly Lock _saveGate = new();

    /// <summary>Gets or sets the ticket as persisted.</summary>
    public TicketRecord Record { get; set; } = record;

    /// <summary>Gets the latest progress.</summary>
    public BuildProgress Progress { get; private set; } = new("queued", 0, 0, null, 0);

    /// <summary>Gets a task that completes when the ticket is final.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Gets the log tail: its lines, oldest first, separated by newlines.</summary>
    public string Tail
    {
        get
        {
            lock (_gate)
            {
                return string.Join('\n', _tail);
            }
        }
    }

    /// <summary>Hands the current tail to <paramref name="save"/>, one save at a time: the last save always writes the newest tail, never one read before an earlier save's.</summary>
    public void SaveTail(Action<string> save)
    {
        ArgumentNullException.ThrowIfNull(save);
        lock (_saveGate)
        {
            save(Tail);
        }
    }

    /// <summary>Records progress, and a log line when the phase or action changes; returns whether it logged one.</summary>
    public bool Report(BuildProgress progress)
    {
        var previous = Progress;
        Progress = progress;
        if (previous.Phase == progress.Phase && previous.ActionNumber == progress.ActionNumber)
        {
            return false;
        }

        Log(progress.ActionCount > 0 ? $"{progress.Phase} {progress.ActionNumber}/{progress.ActionCount} {progress.ActionId}".TrimEnd() : progress.Phase);
        return true;
    }

    /// <summary>Appends a line to the log tail.</summary>
    public void Log(string line)
    {
        lock (_gate)
        {
            foreach (var part in Bounded(line))
            {
                _tail.Enqueue(part);
                while (_tail.Count > TailLines)
                {
                    _tail.Dequeue();
                }
            }
        }
    }

    /// <summary>Marks the ticket final.</summary>
    public void Complete() => _finished.TrySetResult();

    /// <summary>Returns the ticket as the SOAP contract shows it.</summary>
    public TicketStatus ToStatus()
    {
        var tail = Tail;
        var r = Record;
        var p = Progress;
        return new TicketStatus
        {
            TicketId = r.Id,
            State = r.State,
            Owner = r.Owner,
            Format = r.Format,
            Phase = r.State == TicketStates.Succeeded ? "done" : r.State == TicketStates.Failed ? "failed" : p.Phase,
            ActionNumber = p.ActionNumber,
            ActionCount = p.ActionCount,
            CurrentAction = p.ActionId,
            BytesWritten = p.BytesWritten,
            LogTail = tail.Length > 0 ? tail : (r.Error ?? string.Empty),
            ImageId = r.ImageId,
            Error = r.Error,
            SubmittedUtc = r.SubmittedUtc,
            FinishedUtc = r.FinishedUtc,
            ReusedNodes = r.ReusedNodes,
            StatesBuilt = [.. r.StatesBuilt],
            Resumes = r.Resumes,
        };
    }

    // The last TailLines lines of text, each clipped to LineLength characters.
    private static IEnumerable<string> Bounded(string? text) =>
        (text ?? string.Empty).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(TailLines).Select(l => l.Length > LineLength ? l[..LineLength] + "..." : l);
}
