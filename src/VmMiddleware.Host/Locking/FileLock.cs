namespace VmMiddleware.Host.Locking;

/// <summary>An advisory whole-file lock (BSD <c>flock</c>) held for as long as the instance lives; the kernel drops it when the process dies, even on kill -9.</summary>
/// <remarks>
/// .NET takes <c>flock(LOCK_EX|LOCK_NB)</c> when a file is opened with <see cref="FileShare.None"/> and <c>LOCK_SH|LOCK_NB</c>
/// otherwise; every acquisition opens its own descriptor, so the lock excludes other threads of this process as well as other
/// processes. Only <c>EWOULDBLOCK</c> means "held by someone else": any other I/O error is thrown, because waiting on it would
/// wait forever. The lock file is never deleted on release: deleting it could let two holders lock two different files.
/// </remarks>
public sealed class FileLock : IDisposable
{
    // EWOULDBLOCK/EAGAIN on Linux: .NET reports the raw errno as the HResult of the IOException.
    private const int WouldBlock = 11;

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(2);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(100);

    private readonly FileStream stream;

    private FileLock(FileStream stream, string path, bool exclusive)
    {
        this.stream = stream;
        Path = path;
        Exclusive = exclusive;
    }

    /// <summary>Gets the path of the lock file, as given when it was taken.</summary>
    public string Path { get; }

    /// <summary>Gets a value indicating whether this is an exclusive (rather than shared) lock.</summary>
    public bool Exclusive { get; }

    /// <summary>Takes the lock without waiting (creating the file if needed); returns null when another holder conflicts.</summary>
    /// <param name="path">The lock file; its directory must exist.</param>
    /// <param name="exclusive">True for an exclusive lock (the default), false for a shared one.</param>
    /// <returns>The held lock, or null when it is busy.</returns>
    public static FileLock? TryAcquire(string path, bool exclusive = true)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var share = exclusive ? FileShare.None : FileShare.ReadWrite | FileShare.Delete;
            var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, share, 1, FileOptions.None);
            return new FileLock(stream, path, exclusive);
        }
        catch (IOException e) when (e.HResult == WouldBlock)
        {
            return null;
        }
    }

    /// <summary>Waits until the lock is available, polling with a back-off from 2 ms to 100 ms.</summary>
    /// <param name="path">The lock file; its directory must exist.</param>
    /// <param name="options">How to wait: shared or exclusive, timeout, clock and a callback run once when the lock is busy.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The held lock.</returns>
    /// <exception cref="TimeoutException">The lock was still busy after <see cref="FileLockOptions.Timeout"/>.</exception>
    public static async Task<FileLock> AcquireAsync(string path, FileLockOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wait = new LockWait(path, options);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path, options.Exclusive) is { } held)
            {
                return held;
            }

            await Task.Delay(wait.Next(), options.Time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Waits synchronously until the lock is available (see <see cref="AcquireAsync"/>).</summary>
    /// <param name="path">The lock file; its directory must exist.</param>
    /// <param name="options">How to wait: shared or exclusive, timeout, clock and a callback run once when the lock is busy.</param>
    /// <param name="cancellationToken">Stops the wait.</param>
    /// <returns>The held lock.</returns>
    /// <exception cref="TimeoutException">The lock was still busy after <see cref="FileLockOptions.Timeout"/>.</exception>
    public static FileLock Acquire(string path, FileLockOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var wait = new LockWait(path, options);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (TryAcquire(path, options.Exclusive) is { } held)
            {
                return held;
            }

            _ = cancellationToken.WaitHandle.WaitOne(wait.Next());
        }
    }

    /// <summary>Releases the lock by closing its descriptor.</summary>
    public void Dispose() => stream.Dispose();

    /// <summary>The back-off and deadline of one wait for a busy lock.</summary>
    private sealed class LockWait(string path, FileLockOptions options)
    {
        private readonly long started = options.Time.GetTimestamp();
        private TimeSpan delay = FirstDelay;
        private bool busySeen;

        public TimeSpan Next()
        {
            if (!busySeen)
            {
                busySeen = true;
                options.OnWait?.Invoke();
            }

            if (options.Timeout != Timeout.InfiniteTimeSpan && options.Time.GetElapsedTime(started) > options.Timeout)
            {
                throw new TimeoutException($"{path}: lock still held by another process after {options.Timeout.TotalSeconds:0.#} s");
            }

            var now = delay;
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            return now;
        }
    }
}
