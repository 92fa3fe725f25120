using Org.BouncyCastle.Tls;

namespace VmMiddleware.Factory.Contracts.Transport;

/// <summary>A TLS connection over <paramref name="inner"/>, driven by BouncyCastle's non-blocking protocol engine (client or server).</summary>
/// <remarks>
/// .NET's SslStream cannot carry RFC 3820 proxy chains on Linux (its chain builder throws on them, on either side), so the factory's
/// transport uses BouncyCastle's TLS 1.2/1.3 and validates chains itself. Reads and writes may run concurrently: the engine is only
/// touched under a lock, network output is written in engine order under a write gate.
/// </remarks>
/// <param name="inner">The network stream (owned: disposed with this stream).</param>
/// <param name="protocol">A client protocol after <c>Connect</c>, or a server protocol after <c>Accept</c> (non-blocking mode).</param>
public sealed class TlsStream(Stream inner, TlsProtocol protocol) : Stream
{
    private const int RecordBuffer = (16 * 1024) + 512;
    private readonly SemaphoreSlim _readGate = new(1, 1);
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _engine = new();
    private readonly byte[] _network = new byte[RecordBuffer];
    private int _disposed;

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanWrite => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <summary>Runs the handshake to its end.</summary>
    /// <exception cref="IOException">The peer closed the connection or the handshake failed (the message says why).</exception>
    public async Task HandshakeAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await FlushEngineAsync(cancellationToken).ConfigureAwait(false);
                lock (_engine)
                {
                    if (!protocol.IsHandshaking)
                    {
                        return;
                    }
                }

                var read = await inner.ReadAsync(_network, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    throw new IOException("the peer closed the connection during the TLS handshake");
                }

                lock (_engine)
                {
                    protocol.OfferInput(_network, 0, read);
                }
            }
        }
        catch (TlsFatalAlert e)
        {
            await TryFlushAsync().ConfigureAwait(false);
            throw new IOException("TLS handshake failed: " + AlertDescription.GetText(e.AlertDescription) + (e.Message is { Length: > 0 } m ? " (" + m + ")" : string.Empty), e);
        }
        catch (TlsFatalAlertReceived e)
        {
            throw new IOException("TLS handshake refused by the peer: " + AlertDescription.GetText(e.AlertDescription), e);
        }
    }

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _readGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (true)
            {
                lock (_engine)
                {
                    var available = protocol.GetAvailableInputBytes();
                    if (available > 0)
                    {
                        var take = Math.Min(available, buffer.Length);
                        var chunk = new byte[take];
                        protocol.ReadInput(chunk, 0, take);
                        chunk.CopyTo(buffer);
                        return take;
                    }

                    if (protocol.IsClosed)
                    {
                        return 0;
                    }
                }

                var read = await inner.ReadAsync(_network, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    return 0;
                }

                try
                {
                    lock (_engine)
                    {
                        protocol.OfferInput(_network, 0, read);
                    }
                }
                catch (TlsException e)
                {
                    throw new IOException("TLS error: " + e.Message, e);
                }

                await FlushEngineAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _readGate.Release();
        }
    }

    /// <inheritdoc/>
    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var data = buffer.ToArray();
            lock (_engine)
            {
                protocol.WriteApplicationData(data, 0, data.Length);
            }

            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc/>
    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    /// <inheritdoc/>
    public override void Flush() => inner.Flush();

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                lock (_engine)
                {
                    protocol.Close();
                }

                await TryFlushAsync().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or TlsException or ObjectDisposedException)
            {
                // closing a connection the peer already dropped
            }

            await inner.DisposeAsync().ConfigureAwait(false);
        }

        await base.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            try
            {
                lock (_engine)
                {
                    protocol.Close();
                }
            }
            catch (Exception e) when (e is IOException or TlsException)
            {
                // closing a connection the peer already dropped
            }

            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task FlushEngineAsync(CancellationToken cancellationToken)
    {
        await _writeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await DrainAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task TryFlushAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await FlushEngineAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // the alert could not be sent; the connection is going anyway
        }
    }

    /// <summary>Writes what the engine produced, in order; the caller holds the write gate.</summary>
    private async Task DrainAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            byte[] chunk;
            lock (_engine)
            {
                var available = protocol.GetAvailableOutputBytes();
                if (available == 0)
                {
                    break;
                }

                chunk = new byte[available];
                protocol.ReadOutput(chunk, 0, available);
            }

            await inner.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
        }

        await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
    }
}
