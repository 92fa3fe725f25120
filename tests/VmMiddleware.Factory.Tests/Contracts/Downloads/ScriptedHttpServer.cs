using System.Net;
using System.Net.Sockets;
using System.Text;

namespace VmMiddleware.Factory.Tests.Contracts.Downloads;

/// <summary>A plain HTTP/1.1 server on 127.0.0.1 (a port from 0) that serves one file with an ETag and byte ranges, and can cut a body short or answer a status: the far end of the download component's unit tests.</summary>
internal sealed class ScriptedHttpServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public ScriptedHttpServer(byte[] content, string etag)
    {
        Content = content;
        ETag = etag;
        _listener.Start();
        _loop = Task.Run(LoopAsync);
    }

    public byte[] Content { get; set; }

    public string ETag { get; set; }

    /// <summary>Gets or sets the statuses the next requests are answered with instead of the file (one each, in order).</summary>
    public Queue<int> Statuses { get; } = new();

    /// <summary>Gets or sets how many of the next file bodies are cut after <see cref="CutAfter"/> bytes.</summary>
    public int CutBodies { get; set; }

    public long CutAfter { get; set; }

    /// <summary>Gets each request's Range and If-Range headers (empty when absent) and the status answered.</summary>
    public List<(string Range, string IfRange, int Status)> Requests { get; } = [];

    public long BodyBytesSent { get; private set; }

    public Uri Url(string path) => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}{path}");

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
        }

        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            using (client)
            {
                await ServeAsync(client.GetStream());
            }
        }
    }

    private async Task ServeAsync(NetworkStream stream)
    {
        using var reader = new StreamReader(stream, Encoding.ASCII, false, 1024, leaveOpen: true);
        var method = (await reader.ReadLineAsync())?.Split(' ')[0] ?? string.Empty;
        string range = string.Empty, ifRange = string.Empty;
        for (var line = await reader.ReadLineAsync(); !string.IsNullOrEmpty(line); line = await reader.ReadLineAsync())
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            var (name, value) = (line[..colon].Trim(), line[(colon + 1)..].Trim());
            range = name.Equals("Range", StringComparison.OrdinalIgnoreCase) ? value : range;
            ifRange = name.Equals("If-Range", StringComparison.OrdinalIgnoreCase) ? value : ifRange;
        }

        if (Statuses.TryDequeue(out var status))
        {
            Requests.Add((range, ifRange, status));
            await WriteAsync(stream, $"HTTP/1.1 {status} Scripted\r\nContent-Length: 6\r\nConnection: close\r\n\r\n\"nope\"");
            return;
        }

        var from = range.StartsWith("bytes=", StringComparison.Ordinal) && (ifRange.Length == 0 || ifRange == ETag) ? long.Parse(range[6..].TrimEnd('-'), System.Globalization.CultureInfo.InvariantCulture) : 0;
        var partial = from > 0;
        Requests.Add((range, ifRange, partial ? 206 : 200));
        var length = Content.Length - from;
        var head = partial
            ? $"HTTP/1.1 206 Partial Content\r\nContent-Range: bytes {from}-{Content.Length - 1}/{Content.Length}\r\n"
            : "HTTP/1.1 200 OK\r\n";
        await WriteAsync(stream, head + $"ETag: {ETag}\r\nAccept-Ranges: bytes\r\nContent-Length: {length}\r\nConnection: close\r\n\r\n");
        if (method == "HEAD")
        {
            return;
        }

        var send = length;
        if (CutBodies > 0)
        {
            CutBodies--;
            send = Math.Min(length, CutAfter);
        }

        await stream.WriteAsync(Content.AsMemory((int)from, (int)send));
        BodyBytesSent += send;
    }

    private static Task WriteAsync(NetworkStream stream, string text) => stream.WriteAsync(Encoding.ASCII.GetBytes(text)).AsTask();
}
