namespace VmMiddleware.ClassAds.Syntax;

/// <summary>Thrown when ClassAd text does not parse; the message names the line, the column and what was expected.</summary>
public sealed class ClassAdParseException : FormatException
{
    /// <summary>Initializes a new instance with a position and a description of the problem.</summary>
    public ClassAdParseException(int line, int column, string problem, string? source = null)
        : base(Format(source, line, column, problem))
    {
        Line = line;
        Column = column;
        Problem = problem;
        SourceName = source;
    }

    /// <summary>Initializes a new instance with a message only.</summary>
    public ClassAdParseException()
        : this(1, 1, "parse error")
    {
    }

    /// <summary>Initializes a new instance with a message only.</summary>
    public ClassAdParseException(string message)
        : this(1, 1, message)
    {
    }

    /// <summary>Initializes a new instance with a message and an inner exception.</summary>
    public ClassAdParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Problem = message;
    }

    /// <summary>Gets the 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>Gets the problem without its position.</summary>
    public string Problem { get; }

    /// <summary>Gets the name of the file or stream that was parsed, if known.</summary>
    public string? SourceName { get; }

    internal static string Format(string? source, int line, int column, string problem) =>
        (source is null ? string.Empty : source + ": ") + "line " + line + ", column " + column + ": " + problem;
}
