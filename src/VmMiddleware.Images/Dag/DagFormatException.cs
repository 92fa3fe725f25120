using VmMiddleware.WorkUnits;

namespace VmMiddleware.Images.Dag;

/// <summary>A configuration DAG is malformed or invalid; the message reads "file(line L, column C): what is wrong", naming the node.</summary>
public sealed class DagFormatException : SourceFormatException
{
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
    }

    /// <summary>Initializes an exception with no position that wraps <paramref name="innerException"/>.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public DagFormatException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception that names the file, the position, the node and what is wrong.</summary>
    /// <param name="source">The file name or other source name.</param>
    /// <param name="line">The 1-based line, or 0 when unknown.</param>
    /// <param name="column">The 1-based column, or 0 when unknown.</param>
    /// <param name="detail">What is wrong and what was expected; names the node.</param>
    /// <param name="nodeId">The id of the node at fault, or null.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public DagFormatException(string source, int line, int column, string detail, string? nodeId = null, Exception? innerException = null)
        : base(source, line, column, detail, innerException)
    {
        NodeId = nodeId;
    }

    /// <summary>Gets the id of the node at fault, or null when the error is not about one node.</summary>
    public string? NodeId { get; }
}
