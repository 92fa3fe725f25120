namespace VmMiddleware.Host.Processes;

/// <summary>A program could not be started, or exited with a non-zero code; the message names the command line, the exit code and the end of its standard error.</summary>
public sealed class ProcessFailedException : Exception
{
    /// <summary>The most characters of standard error a message quotes (its end).</summary>
    public const int TailLength = 2000;

    /// <summary>Initializes the exception for a command that ran and failed (<paramref name="exitCode"/>) or could not start (null).</summary>
    /// <param name="commandLine">The command line, as <see cref="ProcessCommand.CommandLine"/> formats it.</param>
    /// <param name="exitCode">The exit code, or null when the program never ran.</param>
    /// <param name="standardError">What the program wrote to standard error, or why it could not start.</param>
    /// <param name="innerException">The cause, or null.</param>
    public ProcessFailedException(string commandLine, int? exitCode, string standardError, Exception? innerException = null)
        : base(Describe(commandLine, exitCode, Tail(standardError)), innerException)
    {
        CommandLine = commandLine;
        ExitCode = exitCode;
        StandardErrorTail = Tail(standardError);
    }

    /// <summary>Initializes the exception with a generic message.</summary>
    public ProcessFailedException()
        : base("A process failed.")
    {
    }

    /// <summary>Initializes the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public ProcessFailedException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ProcessFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Gets the command line that failed (empty when unknown).</summary>
    public string CommandLine { get; } = string.Empty;

    /// <summary>Gets the exit code, or null when the program could not be started.</summary>
    public int? ExitCode { get; }

    /// <summary>Gets the last <see cref="TailLength"/> characters (at most) of the program's standard error, trimmed.</summary>
    public string StandardErrorTail { get; } = string.Empty;

    private static string Tail(string text)
    {
        var trimmed = (text ?? string.Empty).Trim();
        return trimmed.Length <= TailLength ? trimmed : "..." + trimmed[^TailLength..];
    }

    private static string Describe(string commandLine, int? exitCode, string tail) => exitCode is { } code
        ? $"{commandLine} exited with code {code}" + (tail.Length > 0 ? ": " + tail : string.Empty)
        : $"cannot run {commandLine}: {tail}";
}
