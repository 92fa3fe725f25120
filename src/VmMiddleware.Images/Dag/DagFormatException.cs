using System.Diagnostics.CodeAnalysis;

namespace VmMiddleware.Images.Dag;

/// <summary>A configuration DAG is malformed or invalid; the message reads "file(line L, column C): what is wrong", naming the node.</summary>
public sealed class DagFormatException : Exception
{
    private string source = string.Empty;

    /// <summary>Initializes an exception with a generic message.</summary>
    public DagFormatException()
        : this("The configuration DAG is not valid.")
    {
    }

    /// <summary>Initializes an exception with no position.</summary>
    /// <param name="message">The full message.</param>
    public DagFormatException(string message)
        : base(message)
    {
        Detail = message;
    }

    /// <summary>Initializes an exception with no position that wraps <paramref name="innerException"/>.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public DagFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    /// <summary>Initializes an exception that names the file, the position, the node and what is wrong.</summary>
    /// <param name="source">The file name or other source name.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="detail">What is wrong and what was expected; names the node.</param>
    /// <param name="nodeId">The id of the node at fault, or null.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public DagFormatException(string source, int line, int column, string detail, string? nodeId = null, Exception? innerException = null)
        : base(line > 0 ? $"{source}(line {line}, column {column}): {detail}" : $"{source}: {detail}", innerException)
    {
        this.source = source;
        Line = line;
        Column = column;
        Detail = detail;
        NodeId = nodeId;
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

    /// <summary>Gets what is wrong, without the file and position.</summary>
    public string Detail { get; }

    /// <summary>Gets the id of the node at fault, or null when the error is not about one node.</summary>
    public string? NodeId { get; }
}
