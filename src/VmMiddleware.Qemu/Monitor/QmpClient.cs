using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace VmMiddleware.Qemu.Monitor;

/// <summary>An asynchronous QMP (QEMU Machine Protocol) client over a UNIX socket: commands with ids, events on a channel.</summary>
public sealed class QmpClient : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly StreamReader _reader;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly Dictionary<string, TaskCompletionSource<JsonNode?>> _pending = [];
    private readonly Lock _gate = new();
    private readonly Channel<QmpEvent> _events = Channel.CreateUnbounded<QmpEvent>();
    private readonly CancellationTokenSource _stop = new();
    private Task _readLoop = Task.CompletedTask;
    private long _nextId;
    private bool _closed;

    private QmpClient(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
        _reader = new StreamReader(_stream, Encoding.UTF8);
    }

    /// <summary>Gets the events QEMU sent, in order.</summary>
    public ChannelReader<QmpEvent> Events => _events.Reader;

    /// <summary>Connects to a QMP socket (retrying until it appears or <paramref name="timeout"/> passes), reads the greeting and negotiates capabilities.</summary>
    public static async Task<QmpClient> ConnectAsync(string socketPath, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), limit.Token).ConfigureAwait(false);
                var client = new QmpClient(socket);
                await client.HandshakeAsync(limit.Token).ConfigureAwait(false);
                return client;
            }
            catch (SocketException) when (!limit.IsCancellationRequested)
            {
                socket.Dispose();
                await Task.Delay(10, limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                socket.Dispose();
                throw new QmpException($"no QMP monitor answered on {socketPath} within {timeout.TotalSeconds:0.#} s");
            }
            catch (IOException e)
            {
                // QEMU accepted the connection and closed it during the greeting: it is exiting (a bad kernel, a bad state file).
                socket.Dispose();
                throw new QmpException($"QEMU closed its monitor on {socketPath} during the greeting: {e.Message}", e);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }
    }

    /// <summary>Executes a QMP command and returns its "return" value; throws <see cref="QmpException"/> when QEMU answers with an error.</summary>
    public async Task<JsonNode?> ExecuteAsync(string command, JsonObject? arguments, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(command);
        var id = "vmgrid-" + Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonNode?>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_closed)
            {
                throw new QmpException($"QMP {command}: the monitor connection is closed");
            }

            _pending[id] = reply;
        }

        var message = new JsonObject { ["execute"] = command, ["id"] = id };
        if (arguments is not null)
        {
            message["arguments"] = arguments;
        }

        await SendAsync(message.ToJsonString(), cancellationToken).ConfigureAwait(false);
        using (cancellationToken.Register(() => reply.TrySetCanceled(cancellationToken)))
        {
            try
            {
                return await reply.Task.ConfigureAwait(false);
            }
            catch (QmpException e)
            {
                throw new QmpException($"QMP {command}: {e.Message}", e);
            }
        }
    }

    /// <summary>Returns the VM's run state from query-status (running, paused, inmigrate, postmigrate, shutdown, ...).</summary>
    public async Task<string> QueryStatusAsync(CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync("query-status", null, cancellationToken).ConfigureAwait(false);
        return reply?["status"]?.GetValue<string>() ?? "unknown";
    }

    /// <summary>Pauses the guest's vCPUs (QMP stop).</summary>
    public Task StopAsync(CancellationToken cancellationToken) => ExecuteAsync("stop", null, cancellationToken);

    /// <summary>Resumes the guest's vCPUs (QMP cont).</summary>
    public Task ContinueAsync(CancellationToken cancellationToken) => ExecuteAsync("cont", null, cancellationToken);

    /// <summary>Starts an outgoing migration to <paramref name="uri"/> (for example exec:cat &gt; state); it runs in the background.</summary>
    public Task MigrateAsync(string uri, CancellationToken cancellationToken) =>
        ExecuteAsync("migrate", new JsonObject { ["uri"] = uri }, cancellationToken);

    /// <summary>Returns the state of the current migration (query-migrate).</summary>
    public async Task<MigrationStatus> QueryMigrateAsync(CancellationToken cancellationToken)
    {
        var reply = await ExecuteAsync("query-migrate", null, cancellationToken).ConfigureAwait(false);
        var status = reply?["status"]?.GetValue<string>() ?? "none";
        var transferred = reply?["ram"]?["transferred"]?.GetValue<long>() ?? 0;
        return new MigrationStatus(status, transferred, reply?["error-desc"]?.GetValue<string>());
    }

    /// <summary>Polls query-migrate every <paramref name="interval"/> until the migration has finished; throws when it failed.</summary>
    public async Task<MigrationStatus> WaitForMigrationAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        while (true)
        {
            var status = await QueryMigrateAsync(cancellationToken).ConfigureAwait(false);
            if (status.IsFinished)
            {
                return status.Status == "completed"
                    ? status
                    : throw new QmpException($"migration {status.Status}: {status.Error ?? "no reason given"}");
            }

            await Task.Delay(interval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks QEMU to exit (QMP quit); a connection closed by the exiting QEMU counts as success.</summary>
    public async Task QuitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await ExecuteAsync("quit", null, cancellationToken).ConfigureAwait(false);
        }
        catch (QmpException)
        {
            // QEMU may close the socket before its reply gets through.
        }
    }

    /// <summary>Closes the connection; pending commands fail.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already closed by QEMU.
        }

        _socket.Dispose();
        try
        {
            await _readLoop.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The loop ends with the socket.
        }

        _reader.Dispose();
        await _stream.DisposeAsync().ConfigureAwait(false);
        _writeLock.Dispose();
        _stop.Dispose();
    }

    private async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        var greeting = await _reader.ReadLineAsync(cancellationToken).ConfigureAwait(false);
        if (greeting is null || !greeting.Contains("\"QMP\"", StringComparison.Ordinal))
        {
            throw new QmpException("the QMP socket did not send a QMP greeting: " + (greeting ?? "(closed)"));
        }

        _readLoop = Task.Run(ReadLoopAsync, CancellationToken.None);
        await ExecuteAsync("qmp_capabilities", null, cancellationToken).ConfigureAwait(false);
    }

    private async Task SendAsync(string line, CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(line + "\n");
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }
        catch (IOException e)
        {
            throw new QmpException("cannot write to the QMP socket: " + e.Message, e);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task ReadLoopAsync()
    {
        try
        {
            while (await _reader.ReadLineAsync(_stop.Token).ConfigureAwait(false) is { } line)
            {
                Dispatch(line);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The connection ended; pending commands fail below.
        }
        finally
        {
            Close();
        }
    }

    private void Dispatch(string line)
    {
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject;
        }
        catch (JsonException)
        {
            return;
        }

        if (message is null)
        {
            return;
        }

        if (message["event"]?.GetValue<string>() is { } name)
        {
            _events.Writer.TryWrite(new QmpEvent(name, message["data"] as JsonObject));
            return;
        }

        var id = message["id"]?.GetValue<string>();
        TaskCompletionSource<JsonNode?>? reply;
        lock (_gate)
        {
            if (id is null || !_pending.Remove(id, out reply))
            {
                return;
            }
        }

        if (message["error"] is JsonObject error)
        {
            reply.TrySetException(new QmpException($"{error["class"]?.GetValue<string>()}: {error["desc"]?.GetValue<string>()}"));
        }
        else
        {
            reply.TrySetResult(message["return"]?.DeepClone());
        }
    }

    private void Close()
    {
        List<TaskCompletionSource<JsonNode?>> orphans;
        lock (_gate)
        {
            _closed = true;
            orphans = [.. _pending.Values];
            _pending.Clear();
        }

        foreach (var orphan in orphans)
        {
            orphan.TrySetException(new QmpException("the monitor connection closed"));
        }

        _events.Writer.TryComplete();
    }
}
