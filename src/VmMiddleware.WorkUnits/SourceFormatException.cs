using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.WorkUnits;

/// <summary>An input file is malformed or invalid; the message reads "file(line L, column C): what is wrong" (the base of the work-unit and DAG errors).</summary>
public abstract class SourceFormatException : Exception
{
    private string source = string.Empty;

    /// <summary>Initializes an exception with no position.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    protected SourceFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Detail = message;
    }

    /// <summary>Initializes an exception that names the file, the position and what is wrong.</summary>
    /// <param name="source">The file name or other source name.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="detail">What is wrong and what was expected.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    protected SourceFormatException(string source, int line, int column, string detail, Exception? innerException)
        : base(line > 0 ? $"{source}(line {line}, column {column}): {detail}" : $"{source}: {detail}", innerException)
    {
        this.source = source;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>Gets the name of the file (or other source) the error is in.</summary>
    [AllowNull]
    public override string Source
    {
        get => source;
        set => source = value ?? string.Empty;
    }

    /// <summary>Gets the 1-based line of the error, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the error, or 0 when unknown.</summary>
    public int Column { get; }

    /// <summary>Gets what is wrong and what was expected, without the file and position.</summary>
    public string Detail { get; }
}
