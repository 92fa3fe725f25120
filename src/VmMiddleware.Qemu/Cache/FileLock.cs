namespace VmMiddleware.Qemu.Cache;

/// <summary>
/// An advisory whole-file lock (BSD <c>flock</c>) held for as long as the instance lives. .NET takes
/// <c>flock(LOCK_EX|LOCK_NB)</c> when a file is opened with <see cref="FileShare.None"/> and
/// <c>LOCK_SH|LOCK_NB</c> otherwise; every acquisition opens its own descriptor, so the lock
/// excludes other threads of this process as well as other processes.
/// </summary>
internal sealed class FileLock : IDisposable
{
    // EWOULDBLOCK/EAGAIN on Linux: .NET reports the raw errno as the HResult of the IOException.
    private const int WouldBlock = 11;

    // Lock waits measure real time: they are about other processes, not about the cache's clock.
    private static readonly TimeProvider Time = TimeProvider.System;

    private readonly FileStream stream;

    private FileLock(FileStream stream, bool exclusive)
    {
        this.stream = stream;
        Exclusive = exclusive;
    }

    /// <summary>Gets a value indicating whether this is an exclusive lock.</summary>
    public bool Exclusive { get; }

    /// <summary>Gets the path of the lock file.</summary>
    public string Path => stream.Name;

    /// <summary>Takes the lock without waiting; returns null when another holder conflicts.</summary>
    public static FileLock? TryAcquire(string path, bool exclusive)
    {
        try
        {
            var share = exclusive ? FileShare.None : FileShare.ReadWrite | FileShare.Delete;
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share, 1, FileOptions.None);
            return new FileLock(stream, exclusive);
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            return null;
        }
    }

    /// <summary>Waits until the lock is available, polling with a short back-off, or fails after <paramref name="timeout"/>.</summary>
    public static async Task<FileLock> AcquireAsync(string path, bool exclusive, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(2);
        while (true)
        {
            var held = TryAcquire(path, exclusive);
            if (held is not null)
            {
                return held;
            }

            if (Time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{path}: lock still held by another process after {timeout.TotalSeconds:0.#} s");
            }

            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 50));
        }
    }

    /// <summary>Waits synchronously until the lock is available (see <see cref="AcquireAsync"/>).</summary>
    public static FileLock Acquire(string path, bool exclusive, TimeSpan timeout)
    {
        var started = Time.GetTimestamp();
        var delay = 2;
        while (true)
        {
            var held = TryAcquire(path, exclusive);
            if (held is not null)
            {
                return held;
            }

            if (Time.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{path}: lock still held by another process after {timeout.TotalSeconds:0.#} s");
            }

            Thread.Sleep(delay);
            delay = Math.Min(delay * 2, 50);
        }
    }

    /// <summary>Releases the lock by closing its descriptor.</summary>
    public void Dispose() => stream.Dispose();
}
