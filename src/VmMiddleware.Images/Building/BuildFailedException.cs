namespace VmMiddleware.Images.Building;

/// <summary>An action failed in the builder; the states before it were kept.</summary>
public sealed class BuildFailedException : Exception
{
    /// <summary>The line that separates an action's own output from the builder VM's console in a build log.</summary>
    internal const string ConsoleHeader = "\n--- builder VM console ---\n";

    private const int TailLines = 5;

    /// <summary>Initializes an exception naming the failed action, its status and log.</summary>
    public BuildFailedException(string actionId, int status, string log)
        : this(actionId, status, log, null)
    {
    }

    /// <summary>Initializes an exception naming the failed action, its status, the last lines of its own output and where its whole log is kept.</summary>
    public BuildFailedException(string actionId, int status, string log, string? logPath)
        : base($"action '{actionId}' failed with status {status}: {Tail(log)}{(logPath is null ? string.Empty : "; whole log: " + logPath)}")
    {
        ActionId = actionId;
        Status = status;
        Log = log;
        LogPath = logPath;
    }

    /// <summary>Initializes an exception with a message only.</summary>
    public BuildFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and cause.</summary>
    public BuildFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with a generic message.</summary>
    public BuildFailedException()
        : base("The build failed.")
    {
    }

    /// <summary>Gets the id of the action that failed.</summary>
    public string? ActionId { get; }

    /// <summary>Gets its exit status.</summary>
    public int Status { get; }

    /// <summary>Gets its log.</summary>
    public string Log { get; } = string.Empty;

    /// <summary>Gets the path where the store keeps the whole log, or null.</summary>
    public string? LogPath { get; }

    /// <summary>The last lines the action itself printed (stdout and stderr), not the builder VM's console that follows them.</summary>
    private static string Tail(string log)
    {
        var header = log.IndexOf(ConsoleHeader, StringComparison.Ordinal);
        var own = (header < 0 ? log : log[..header]).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return own.Length == 0 ? "(the action printed nothing)" : string.Join(" | ", own.Skip(Math.Max(0, own.Length - TailLines)));
    }

}
