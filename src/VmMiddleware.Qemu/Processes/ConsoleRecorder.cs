namespace VmMiddleware.Qemu.Processes;

/// <summary>A VM's serial console as it is kept: every line appended to the console log, the last few held for error messages.</summary>
/// <param name="consoleLog">The log file, appended to (a resumed run continues the same log).</param>
/// <param name="tailLines">How many of the last lines <see cref="Tail"/> returns.</param>
internal sealed class ConsoleRecorder(string consoleLog, int tailLines) : IDisposable
{
    private readonly Queue<string> _tail = new();
    private readonly Lock _gate = new();
    private readonly StreamWriter _log = new(new FileStream(consoleLog, FileMode.Append, FileAccess.Write, FileShare.Read)) { AutoFlush = true };
    private bool _closed;

    /// <summary>Logs and tails one line; returns false (and keeps nothing) once the recorder is closed.</summary>
    public bool Record(string line)
    {
        lock (_gate)
        {
            if (_closed)
            {
                return false;
            }

            _log.WriteLine(line);
            _tail.Enqueue(line);
            while (_tail.Count > tailLines)
            {
                _tail.Dequeue();
            }

            return true;
        }
    }

    /// <summary>Returns the last lines, followed by QEMU's standard error when it printed any.</summary>
    public string Tail(string? stderr)
    {
        lock (_gate)
        {
            return string.Join('\n', _tail) + (string.IsNullOrEmpty(stderr) ? string.Empty : "\n[qemu stderr]\n" + stderr);
        }
    }

    /// <summary>Closes the log; later lines are dropped.</summary>
    public void Dispose()
    {
        lock (_gate)
        {
            _closed = true;
            _log.Dispose();
        }
    }
}
