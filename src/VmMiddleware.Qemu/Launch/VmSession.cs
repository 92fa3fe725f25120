using System.Threading.Channels;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Monitor;
using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Launch;

/// <summary>One running QEMU: its console (logged, tailed, parsed into markers), its QMP monitor, and the watch that enforces the limits. Disposing it kills QEMU.</summary>
internal sealed partial class VmSession : IAsyncDisposable
{
    private const int TailLines = 30;
    private static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(15);
    private readonly TimeProvider _time;
    private readonly Action<string> _progress;
    private readonly Channel<object> _events = Channel.CreateUnbounded<object>();
    private readonly ConsoleRecorder _recorder;
    private Action? _running;
    private QemuProcess? _process;
    private long _consoleLines;

    private VmSession(string consoleLog, TimeProvider time, Action<string> progress)
    {
        _time = time;
        _progress = progress;
        _recorder = new ConsoleRecorder(consoleLog, TailLines);
    }

    public QemuProcess Process => _process ?? throw new InvalidOperationException("QEMU has not been started.");

    public QmpClient? Qmp { get; private set; }

    public DateTimeOffset StartedQemuAt { get; private set; }

    public DateTimeOffset? BootedAt { get; private set; }

    public DateTimeOffset? CommandStartedAt { get; private set; }

    public DateTimeOffset? DoneAt { get; private set; }

    public DateTimeOffset? ExitedAt { get; private set; }

    public string ConsoleTail => _recorder.Tail(_process?.StderrTail);

    /// <summary>Starts QEMU; <paramref name="running"/>, when given, is called once, when the guest is first seen running (booted, or restored already booted).</summary>
    public static VmSession Start(QemuInstallation qemu, IReadOnlyList<string> arguments, string consoleLog, TimeProvider time, Action<string> progress, Action? running = null)
    {
        var session = new VmSession(consoleLog, time, progress) { _running = running };
        session.StartedQemuAt = time.GetUtcNow();
        session._process = QemuProcess.Start(qemu.CreateStartInfo(arguments), session.OnConsoleLine);
        _ = session._process.Exited.ContinueWith(t => session._events.Writer.TryWrite(t.Result), TaskScheduler.Default);
        return session;
    }

    public async Task ConnectMonitorAsync(string socket, CancellationToken cancellationToken)
    {
        var connect = QmpClient.ConnectAsync(socket, TimeSpan.FromSeconds(20), cancellationToken);
        if (await Task.WhenAny(connect, Process.Exited).ConfigureAwait(false) != connect)
        {
            return; // QEMU died before its monitor came up; the watch reports the exit.
        }

        try
        {
            Qmp = await connect.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or System.Net.Sockets.SocketException)
        {
            // QEMU closed the monitor during the greeting (it is exiting): report it as a monitor failure, which the
            // launcher turns into QEMU's own exit reason.
            throw new QmpException("QEMU monitor connection failed: " + e.Message, e);
        }
    }

    /// <summary>Waits until an incoming migration has loaded (the VM is paused, not inmigrate), then resumes the guest.</summary>
    public async Task ResumeIncomingAsync(CancellationToken cancellationToken)
    {
        var qmp = Qmp ?? throw new QmpException($"QEMU exited before its monitor answered: {FirstLine(Process.StderrTail)}");
        await qmp.ResumeIncomingAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<SessionEnd> WatchAsync(WatchPolicy policy, CancellationToken eviction, CancellationToken cancellation)
    {
        var booted = policy.AlreadyBooted;
        var started = policy.AlreadyStarted;
        if (booted)
        {
            GuestRunning();
        }

        var lastActivity = _time.GetUtcNow();
        int? exitCode = null;
        string? agentError = null;
        while (true)
        {
            var now = _time.GetUtcNow();
            var next = policy.WallDeadline;
            if (!booted)
            {
                next = Min(next, StartedQemuAt + policy.BootTimeout);
            }
            else if (DoneAt is null && agentError is null)
            {
                next = Min(next, lastActivity + policy.HeartbeatTimeout);
            }

            if (DoneAt is { } done)
            {
                next = done + ShutdownGrace;
            }

            if (now >= next)
            {
                return Expired(policy, now, booted, started, exitCode);
            }

            if (eviction.IsCancellationRequested && DoneAt is null)
            {
                return new SessionEnd(SessionEndKind.Evicted, exitCode, null, "evicted (SIGTERM)", started);
            }

            if (cancellation.IsCancellationRequested)
            {
                return new SessionEnd(SessionEndKind.Cancelled, exitCode, null, "cancelled", started);
            }

            await WaitForEventAsync(next - now, eviction, cancellation).ConfigureAwait(false);
            while (_events.Reader.TryRead(out var item))
            {
                now = _time.GetUtcNow();
                if (item is int qemuExit)
                {
                    ExitedAt = now;
                    return DoneAt is not null ? new SessionEnd(SessionEndKind.Done, exitCode, qemuExit, "done", true)
                        : agentError is not null ? new SessionEnd(SessionEndKind.AgentError, exitCode, qemuExit, agentError, started)
                        : new SessionEnd(SessionEndKind.Exited, exitCode, qemuExit, $"QEMU exited with code {qemuExit}", started);
                }

                var marker = (ConsoleMarker)item;
                lastActivity = now;
                switch (marker.Kind)
                {
                    case MarkerKind.Booted:
                        booted = true;
                        BootedAt = now;
                        _progress("booted");
                        GuestRunning();
                        break;
                    case MarkerKind.Waiting when policy.StopAtWaiting:
                        return new SessionEnd(SessionEndKind.Waiting, null, null, "waiting", false);
                    case MarkerKind.Start:
                        booted = true;
                        started = true;
                        CommandStartedAt = now;
                        _progress("command started");
                        GuestRunning();
                        break;
                    case MarkerKind.Heartbeat when marker.Number is { } beat && beat % 10 == 0:
                        _progress($"running (heartbeat {beat})");
                        break;
                    case MarkerKind.Exit:
                        exitCode = marker.Number;
                        break;
                    case MarkerKind.Done:
                        DoneAt = now;
                        _progress($"command exited {exitCode}; guest shutting down");
                        break;
                    case MarkerKind.AgentError:
                        agentError = "guest agent error: " + marker.Argument;
                        break;
                    default:
                        break;
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Qmp is not null)
        {
            await Qmp.DisposeAsync().ConfigureAwait(false);
        }

        _process?.Dispose();
        _recorder.Dispose();
    }

    internal static string FirstLine(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "no message";

    /// <summary>Calls the running callback the first time only.</summary>
    private void GuestRunning() => Interlocked.Exchange(ref _running, null)?.Invoke();

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    private SessionEnd Expired(WatchPolicy policy, DateTimeOffset now, bool booted, bool started, int? exitCode)
    {
        if (DoneAt is not null)
        {
            return new SessionEnd(SessionEndKind.Done, exitCode, null, "done (QEMU did not exit after the guest powered off; killed)", true);
        }

        if (now >= policy.WallDeadline)
        {
            return new SessionEnd(SessionEndKind.TimedOut, exitCode, null, "the wall-time limit passed", started);
        }

        return booted
            ? new SessionEnd(SessionEndKind.Hung, exitCode, null, $"no heartbeat for {policy.HeartbeatTimeout.TotalSeconds:0.#} s", started)
            : new SessionEnd(SessionEndKind.NeverBooted, null, null, $"no VMGRID:BOOTED within {policy.BootTimeout.TotalSeconds:0.#} s", false);
    }

    private async Task WaitForEventAsync(TimeSpan wait, CancellationToken eviction, CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(eviction, cancellation);
        var read = _events.Reader.WaitToReadAsync(stop.Token).AsTask();
        var delay = Task.Delay(wait, _time, stop.Token);
        await Task.WhenAny(read, delay).ConfigureAwait(false);
        await stop.CancelAsync().ConfigureAwait(false);
    }

    private void OnConsoleLine(string line)
    {
        if (!_recorder.Record(line))
        {
            return;
        }

        Interlocked.Increment(ref _consoleLines);

        if (ConsoleMarker.TryParse(line) is { } marker)
        {
            _events.Writer.TryWrite(marker);
        }
    }
}
