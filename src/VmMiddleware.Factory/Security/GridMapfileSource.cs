namespace VmMiddleware.Factory.Security;

/// <summary>The grid-mapfile as it is now: reread when the file's modification time changes (a bad edit keeps the last good version).</summary>
/// <remarks>The modification time is looked at most once per <see cref="CheckInterval"/>, so requests in between do no file I/O.</remarks>
/// <param name="path">The grid-mapfile.</param>
/// <param name="time">The clock.</param>
internal sealed class GridMapfileSource(string path, TimeProvider time)
{
    /// <summary>How often the file's modification time is looked at.</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private GridMapfile? _current;
    private DateTime _stamp;
    private long _checked;

    /// <summary>Gets the current mapping.</summary>
    public GridMapfile Current
    {
        get
        {
            var now = time.GetTimestamp();
            if (Volatile.Read(ref _current) is { } known && time.GetElapsedTime(Interlocked.Read(ref _checked), now) < CheckInterval)
            {
                return known;
            }

            Interlocked.Exchange(ref _checked, now);
            var stamp = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
            lock (_gate)
            {
                if (_current is null || stamp != _stamp)
                {
                    try
                    {
                        _current = GridMapfile.Read(path);
                    }
                    catch (Configuration.SettingsFormatException)
                    {
                        // Keep serving the last good mapping (none: nobody is mapped); --check-config tells the operator what is wrong.
                        _current ??= GridMapfile.Parse(string.Empty, path);
                    }

                    _stamp = stamp;
                }

                return _current!;
            }
        }
    }
}
