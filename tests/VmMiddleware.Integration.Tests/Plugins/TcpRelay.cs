using System.Net;
using System.Net.Sockets;

namespace VmMiddleware.Integration.Tests.Plugins;

/// <summary>
/// A TCP relay on 127.0.0.1 in front of the factory service: counts the bytes the service sends, and can cut the first connections that
/// carry a layer after a given number of bytes (a connection dropped half way), so the plugin must resume.
/// </summary>
internal sealed class TcpRelay : IDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private long _toClient;
    private int _cutsLeft;
    private long _cutAfter;
    private long _stallAfter;

    public TcpRelay(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        _target = new IPEndPoint(IPAddress.Parse(target.Host), target.Port);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets the relay's HOST:PORT.</summary>
    public string Authority => "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Gets the bytes relayed from the service to clients.</summary>
    public long BytesToClient => Interlocked.Read(ref _toClient);

    /// <summary>Cuts the next <paramref name="connections"/> connections once <paramref name="afterBytes"/> bytes of the service's answer went through each.</summary>
    public void CutConnections(int connections, long afterBytes)
    {
        Interlocked.Exchange(ref _cutAfter, afterBytes);
        Interlocked.Exchange(ref _cutsLeft, connections);
    }

    /// <summary>Stops forwarding the service's answer on every connection once <paramref name="afterBytes"/> bytes went through it (the connection stays open).</summary>
    public void StallConnections(long afterBytes) => Interlocked.Exchange(ref _stallAfter, afterBytes);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        using (client)
        {
            try
            {
                await server.ConnectAsync(_target, _stop.Token);
                var up = client.GetStream().CopyToAsync(server.GetStream(), _stop.Token);
                var down = CopyDownAsync(server.GetStream(), client);
                await Task.WhenAny(up, down);
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // A side went away: close both.
            }
        }
    }

    private async Task CopyDownAsync(NetworkStream from, TcpClient to)
    {
        var buffer = new byte[16384];
        long sent = 0;
        long? cutAt = null;
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            // Only a connection that carries more than the TLS handshake and a small answer is a candidate for a cut.
            if (cutAt is null && sent + read > Interlocked.Read(ref _cutAfter) && Interlocked.Read(ref _cutAfter) > 0 && Interlocked.Decrement(ref _cutsLeft) >= 0)
            {
                cutAt = Interlocked.Read(ref _cutAfter);
            }

            var stall = Interlocked.Read(ref _stallAfter);
            if (stall > 0 && sent + read > stall)
            {
                await to.GetStream().WriteAsync(buffer.AsMemory(0, (int)Math.Max(0, stall - sent)), _stop.Token);
                await Task.Delay(Timeout.Infinite, _stop.Token);
            }

            var take = cutAt is { } limit ? (int)Math.Min(read, Math.Max(0, limit - sent)) : read;
            await to.GetStream().WriteAsync(buffer.AsMemory(0, take), _stop.Token);
            sent += take;
            Interlocked.Add(ref _toClient, take);
            if (cutAt is not null && sent >= cutAt)
            {
                to.Client.LingerState = new LingerOption(true, 0);
                to.Close(); // RST: the client sees the connection dropped half way
                return;
            }
        }
    }
}
