using System.Collections.Concurrent;
using VmMiddleware.Factory.Catalogue;
using VmMiddleware.Factory.Configuration;
using VmMiddleware.Factory.Contracts.Messages;
using VmMiddleware.Factory.Metrics;
using VmMiddleware.Factory.Tickets;
using VmMiddleware.Images.Building;
using VmMiddleware.Images.Dag;
using VmMiddleware.Images.Planning;

namespace VmMiddleware.Factory.Building;

/// <summary>
/// Runs tickets: at most <see cref="ServiceSettings.BuildConcurrency"/> builds at once, one build per state across the service
/// (<see cref="StateFlights"/>), every state change written to the database first. On start it resumes the tickets a stop or crash
/// left queued or running; the factory reuses every state they had committed, so no committed action runs again.
/// </summary>
internal sealed partial class BuildScheduler(
    ServiceSettings settings, FactoryDatabase database, ImageCatalogue catalogue, ExecutorFactory executors, FactoryMetrics metrics, TimeProvider time, ILogger<BuildScheduler> logger)
    : IHostedService, IDisposable
{
    private readonly ConcurrentDictionary<string, TicketRuntime> _active = new(StringComparer.Ordinal);
    private readonly StateFlights _flights = new();
    private readonly SemaphoreSlim _slots = new(settings.BuildConcurrency, settings.BuildConcurrency);
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _running = new();
    private readonly FinishedTickets _finished = new(FinishedCapacity);

    /// <summary>How many finished tickets are answered from memory.</summary>
    internal const int FinishedCapacity = 10_000;

    /// <summary>Gets the live runtime of ticket <paramref name="id"/>, or null when it is not active.</summary>
    public TicketRuntime? Active(string id) => _active.TryGetValue(id, out var runtime) ? runtime : null;

    /// <summary>Returns how many of <paramref name="owner"/>'s tickets are queued or running.</summary>
    public int ActiveCount(string owner) => _active.Values.Count(t => t.Record.Owner == owner);

    /// <summary>Returns the status of ticket <paramref name="id"/> from memory (active or recently finished) or else from the database (off the caller's thread), or null.</summary>
    public ValueTask<TicketStatus?> StatusAsync(string id)
    {
        if ((Active(id) ?? _finished.Find(id)) is { } runtime)
        {
            return ValueTask.FromResult<TicketStatus?>(runtime.ToStatus());
        }

        return new(Task.Run(() => database.Find(id) is { } record ? new TicketRuntime(record, database.LogTail(id)).ToStatus() : null));
    }

    /// <summary>Waits up to <paramref name="timeout"/> for ticket <paramref name="id"/> to finish; returns its status, or null when unknown.</summary>
    public async Task<TicketStatus?> WaitAsync(string id, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (Active(id) is { } runtime)
        {
            try
            {
                await runtime.Finished.WaitAsync(timeout, time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // the caller polls again
            }
        }

        return await StatusAsync(id).ConfigureAwait(false);
    }

    /// <summary>Accepts a new ticket: persists it, then starts it.</summary>
    public TicketRuntime Submit(TicketRecord record)
    {
        database.Insert(record);
        var runtime = new TicketRuntime(record);
        Log(runtime, "accepted");
        Start(runtime);
        return runtime;
    }

    /// <inheritdoc/>
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var record in database.InStates(TicketStates.Queued, TicketStates.Running))
        {
            var resumed = record.State == TicketStates.Running ? record with { Resumes = record.Resumes + 1 } : record;
            database.Update(resumed);
            var runtime = new TicketRuntime(resumed, database.LogTail(record.Id));
            Log(runtime, record.State == TicketStates.Running ? "resumed after a service restart; committed states are reused" : "queued again after a service restart");
            Resumed(logger, record.Id, record.State);
            Start(runtime);
        }

        // Request directories of tickets that finished (a stop or crash came between the final state and the removal), and of requests
        // that never became tickets, are removed; only the queued and running tickets still need theirs.
        RequestFiles.RemoveAllBut(Path.Combine(settings.DataDirectory, RequestFiles.DirectoryName), _active.Keys.ToHashSet(StringComparer.Ordinal));
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Running builds stop (their committed states stay); their tickets stay Running in the database and resume on the next start.
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await Task.WhenAll(_running.Keys).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // the host's shutdown timeout wins
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        _stopping.Dispose();
        _slots.Dispose();
    }

    private void Start(TicketRuntime runtime)
    {
        _active[runtime.Record.Id] = runtime;
        var task = Task.Run(() => RunAsync(runtime));
        _running[task] = true;
        _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
    }

    private async Task RunAsync(TicketRuntime runtime)
    {
        var token = _stopping.Token;
        try
        {
            var dag = DagReader.Read(Path.Combine(runtime.Record.RequestDirectory, RequestFiles.ConfigurationName));
            var factory = new ImageFactory(catalogue.Store, executors.Runner);
            var hashed = factory.Hash(dag);
            BuildResult result;
            while (true)
            {
                var plan = PrefixPlanner.Plan(hashed, catalogue.Store.BuiltStates());
                var (claim, wait) = plan.Steps.Count == 0 ? (null, null) : _flights.TryClaim([.. plan.Steps.Select(s => s.StateId)]);
                if (wait is not null)
                {
                    runtime.Report(new BuildProgress("waiting", 0, plan.Steps.Count, null, 0));
                    await wait.WaitAsync(token).ConfigureAwait(false);
                    continue;
                }

                using (claim)
                {
                    if (claim is not null)
                    {
                        await _slots.WaitAsync(token).ConfigureAwait(false);
                    }

                    try
                    {
                        Persist(runtime, runtime.Record with { State = TicketStates.Running });
                        var options = new BuildOptions(new DeferredActionExecutor(() => executors.Create(line => Log(runtime, line))));
                        var progress = new Progress<BuildProgress>(p =>
                        {
                            if (runtime.Report(p))
                            {
                                SaveTail(runtime);
                            }
                        });
                        result = await factory.BuildAsync(dag, options, progress, token).ConfigureAwait(false);
                    }
                    finally
                    {
                        if (claim is not null)
                        {
                            _slots.Release();
                        }
                    }
                }

                break;
            }

            catalogue.Own(result.StatesBuilt, runtime.Record.Owner);
            Persist(runtime, runtime.Record with { ReusedNodes = result.ReusedNodes, StatesBuilt = [.. runtime.Record.StatesBuilt, .. result.StatesBuilt], ImageId = result.ImageId });
            metrics.Built(result);
            runtime.Report(new BuildProgress("export", 0, 0, null, 0));
            await catalogue.ExportAsync(result.ImageId, runtime.Record.Format, token).ConfigureAwait(false);
            Finish(runtime, TicketStates.Succeeded, null);
            var evicted = catalogue.Evict(settings.StoreCapBytes);
            if (evicted.Count > 0)
            {
                Log(runtime, $"store over its cap: evicted {evicted.Count} least recently used image(s)");
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // Service stopping: the ticket stays Running in the database and is resumed on the next start.
            Log(runtime, "interrupted by the service stopping; it resumes when the service starts again");
        }
        catch (Exception e) when (e is DagFormatException or BuildFailedException or NotSupportedException or IOException or KeyNotFoundException or ArgumentException or InvalidOperationException or UnauthorizedAccessException)
        {
            metrics.Failed();
            Finish(runtime, TicketStates.Failed, e.Message);
        }
    }

    private void Finish(TicketRuntime runtime, string state, string? error)
    {
        if (error is not null)
        {
            runtime.Log(error);
            BuildFailed(logger, runtime.Record.Id, error);
        }

        Persist(runtime, runtime.Record with { State = state, Error = error, FinishedUtc = time.GetUtcNow().UtcDateTime });
        runtime.Report(new BuildProgress(state == TicketStates.Succeeded ? "done" : "failed", runtime.Progress.ActionNumber, runtime.Progress.ActionCount, null, runtime.Progress.BytesWritten));
        SaveTail(runtime);
        try
        {
            // The final state is recorded: the request's files are needed no more (a crash before this line leaves them to the next start).
            RequestFiles.Remove(runtime.Record.RequestDirectory);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            RequestNotRemoved(logger, runtime.Record.Id, e.Message);
        }

        _finished.Add(runtime);
        _active.TryRemove(runtime.Record.Id, out _);
        runtime.Complete();
    }

    private void Persist(TicketRuntime runtime, TicketRecord record)
    {
        database.Update(record);
        runtime.Record = record;
        SaveTail(runtime);
    }

    // Progress callbacks run on the thread pool, possibly late: each save reads the tail under the runtime's save lock.
    private void SaveTail(TicketRuntime runtime) => runtime.SaveTail(tail => database.SetLogTail(runtime.Record.Id, tail));

    // Every line is saved as it is logged (builder VM messages come between phase changes, the eviction note after the final state), so
    // a SIGKILL or a restart loses none; lines are few (a handful per builder VM), so a write each costs nothing that matters.
    private void Log(TicketRuntime runtime, string line)
    {
        runtime.Log(line);
        SaveTail(runtime);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "ticket {Ticket} was {State} when the service stopped; starting it again")]
    private static partial void Resumed(ILogger logger, string ticket, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ticket {Ticket} finished, but its request directory was not removed: {Reason}")]
    private static partial void RequestNotRemoved(ILogger logger, string ticket, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ticket {Ticket} failed: {Reason}")]
    private static partial void BuildFailed(ILogger logger, string ticket, string reason);
}
