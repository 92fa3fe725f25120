namespace VmMiddleware.Images.Building;

/// <summary>An action failed in the builder; the states before it were kept.</summary>
public sealed class BuildFailedException : Exception
{
    /// <summary>Initializes an exception naming the failed action, its status and log.</summary>
    public BuildFailedException(string actionId, int status, string log)
        : base($"action '{actionId}' failed with status {status}: {Tail(log)}")
    {
        ActionId = actionId;
        Status = status;
        Log = log;
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

    private static string Tail(string log)
    {
        var lines = log.TrimEnd().Split('\n');
        return string.Join(" | ", lines.Skip(Math.Max(0, lines.Length - 3)));
    }
}
