namespace VmMiddleware.Factory.Security;

/// <summary>The grid-mapfile as it is now: reread when the file's modification time changes (a bad edit keeps the last good version).</summary>
/// <param name="path">The grid-mapfile.</param>
internal sealed class GridMapfileSource(string path)
{
    private readonly Lock _gate = new();
    private GridMapfile? _current;
    private DateTime _stamp;

    /// <summary>Gets the current mapping.</summary>
    public GridMapfile Current
    {
        get
        {
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
