namespace VmMiddleware.WorkUnits;

/// <summary>A work-unit file is malformed or invalid; the message reads "file(line L, column C): what is wrong".</summary>
public sealed class WorkUnitFormatException : SourceFormatException
{
    /// <summary>Initializes an exception with no position and a generic message.</summary>
    public WorkUnitFormatException()
        : this("The work unit is not valid.")
    {
    }

    /// <summary>Initializes an exception with no position.</summary>
    /// <param name="message">The full message.</param>
    public WorkUnitFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with no position that wraps <paramref name="innerException"/>.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public WorkUnitFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception that names the file, the position and what is wrong.</summary>
    /// <param name="source">The file name or other source name.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="detail">What is wrong and what was expected.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public WorkUnitFormatException(string source, int line, int column, string detail, Exception? innerException = null)
        : base(source, line, column, detail, innerException)
    {
    }
}
