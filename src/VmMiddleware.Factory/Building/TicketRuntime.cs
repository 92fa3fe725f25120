using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Building;

namespace VmMiddleware.Factory.Building;

/// <summary>A ticket while the service holds it: its record, live progress, the tail of its log, and a completion to wait on.</summary>
internal sealed class TicketRuntime(TicketRecord record)
{
    private const int TailLines = 20;
    private readonly Queue<string> _tail = new();
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();

    /// <summary>Gets or sets the ticket as persisted.</summary>
    public TicketRecord Record { get; set; } = record;

    /// <summary>Gets the latest progress.</summary>
    public BuildProgress Progress { get; private set; } = new("queued", 0, 0, null, 0);

    /// <summary>Gets a task that completes when the ticket is final.</summary>
    public Task Finished => _finished.Task;

    /// <summary>Records progress (and a log line when the phase or action changes).</summary>
    public void Report(BuildProgress progress)
    {
        var previous = Progress;
        Progress = progress;
        if (previous.Phase != progress.Phase || previous.ActionNumber != progress.ActionNumber)
        {
            Log(progress.ActionCount > 0 ? $"{progress.Phase} {progress.ActionNumber}/{progress.ActionCount} {progress.ActionId}".TrimEnd() : progress.Phase);
        }
    }

    /// <summary>Appends a line to the log tail.</summary>
    public void Log(string line)
    {
        lock (_gate)
        {
            foreach (var part in line.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                _tail.Enqueue(part.Length > 400 ? part[..400] + "..." : part);
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
        string tail;
        lock (_gate)
        {
            tail = string.Join('\n', _tail);
        }

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
}
