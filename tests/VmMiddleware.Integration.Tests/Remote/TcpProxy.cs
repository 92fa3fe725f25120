using System.Net;
using System.Net.Sockets;

namespace VmMiddleware.Integration.Tests.Remote;

/// <summary>A TCP proxy on 127.0.0.1 in front of a port: counts the bytes clients send through it and can cut every connection once they pass a limit (a connection dropped mid-upload).</summary>
internal sealed class TcpProxy : IDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly int target;
    private readonly long? cutAfter;
    private readonly CancellationTokenSource stop = new();
    private readonly List<TcpClient> open = [];
    private long sent;

    /// <summary>Starts forwarding to 127.0.0.1:<paramref name="target"/>; with <paramref name="cutAfter"/>, every connection is closed once the clients have sent that many bytes in all.</summary>
    public TcpProxy(int target, long? cutAfter = null)
    {
        this.target = target;
        this.cutAfter = cutAfter;
        listener.Start();
        _ = AcceptAsync();
    }

    /// <summary>Gets the proxy's port.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>Gets the bytes the clients sent through the proxy so far.</summary>
    public long SentBytes => Interlocked.Read(ref sent);

    /// <summary>Gets whether the proxy cut the connections.</summary>
    public bool Cut { get; private set; }

    public void Dispose()
    {
        stop.Cancel();
        listener.Stop();
        lock (open)
        {
            open.ForEach(c => c.Dispose());
        }

        stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            // No Nagle: SFTP's request-answer rhythm would otherwise wait for delayed ACKs at every hop.
            client.NoDelay = true;
            var server = new TcpClient { NoDelay = true };
            await server.ConnectAsync(IPAddress.Loopback, target);
            lock (open)
            {
                open.Add(client);
                open.Add(server);
            }

            _ = PumpAsync(client, server, count: true);
            _ = PumpAsync(server, client, count: false);
        }
    }

    private async Task PumpAsync(TcpClient from, TcpClient to, bool count)
    {
        var buffer = new byte[16384];
        try
        {
            var input = from.GetStream();
            var output = to.GetStream();
            int read;
            while ((read = await input.ReadAsync(buffer, stop.Token)) > 0)
            {
                if (count && cutAfter is { } limit && Interlocked.Add(ref sent, read) > limit)
                {
                    Cut = true;
                    from.Client.Close();
                    to.Client.Close();
                    return;
                }

                if (count && cutAfter is null)
                {
                    Interlocked.Add(ref sent, read);
                }

                await output.WriteAsync(buffer.AsMemory(0, read), stop.Token);
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException or SocketException)
        {
            // The other side closed, or the proxy stops.
        }
        finally
        {
            try
            {
                to.Client.Shutdown(SocketShutdown.Send);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // Closed already.
            }
        }
    }
}
