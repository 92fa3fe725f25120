namespace VmMiddleware.Translation.Rsl;

/// <summary>RSL text that does not parse, or that uses a form GRAM5 refuses; the message names the line, the column and what was expected.</summary>
public sealed class RslParseException : FormatException
{
    /// <summary>Initializes an exception for a problem at a 1-based line and column of <paramref name="sourceName"/>.</summary>
    public RslParseException(string? sourceName, int line, int column, string detail)
        : base(Format(sourceName, line, column, detail))
    {
        SourceName = sourceName;
        Line = line;
        Column = column;
        Detail = detail;
    }

    /// <summary>Initializes an exception with a message only.</summary>
    public RslParseException()
        : this(null, 1, 1, "the RSL is not valid")
    {
    }

    /// <summary>Initializes an exception with a message only.</summary>
    public RslParseException(string message)
        : this(null, 1, 1, message)
    {
    }

    /// <summary>Initializes an exception with a message and an inner exception.</summary>
    public RslParseException(string message, Exception innerException)
        : base(message, innerException)
    {
        Line = 1;
        Column = 1;
        Detail = message;
    }

    /// <summary>Gets the name of the file or source the text came from, or null.</summary>
    public string? SourceName { get; }

    /// <summary>Gets the 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the problem.</summary>
    public int Column { get; }

    /// <summary>Gets what is wrong, without the position.</summary>
    public string Detail { get; }

    private static string Format(string? sourceName, int line, int column, string detail) =>
        (sourceName is null ? string.Empty : sourceName + ": ") + $"line {line}, column {column}: {detail}";
}
