namespace VmMiddleware.Images.Store;

/// <summary>An exclusive advisory lock on a file (flock through <see cref="FileShare.None"/>); the kernel drops it when the process dies, even on kill -9.</summary>
internal sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream, string path)
    {
        this.stream = stream;
        Path = path;
    }

    /// <summary>Gets the lock file's path.</summary>
    public string Path { get; }

    /// <summary>Takes the lock at once, or returns null when another holder has it.</summary>
    public static FileLock? TryAcquire(string path)
    {
        try
        {
            return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.None), path);
        }
        catch (IOException) when (File.Exists(path))
        {
            return null;
        }
    }

    /// <summary>Waits for the lock, polling (10 ms growing to 200 ms); <paramref name="onWait"/> runs once when the lock is busy.</summary>
    public static async Task<FileLock> AcquireAsync(string path, TimeProvider time, Action? onWait, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        var waited = false;
        while (true)
        {
            if (TryAcquire(path) is { } taken)
            {
                return taken;
            }

            if (!waited)
            {
                waited = true;
                onWait?.Invoke();
            }

            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 200));
        }
    }

    /// <summary>Releases the lock (the lock file stays: deleting it could let two holders lock two different files).</summary>
    public void Dispose() => stream.Dispose();
}
