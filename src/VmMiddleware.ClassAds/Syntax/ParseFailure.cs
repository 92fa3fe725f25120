namespace VmMiddleware.ClassAds.Syntax;

/// <summary>The first error of a parse: where it is (1-based line and column) and what was wrong.</summary>
internal readonly record struct ParseFailure(int Line, int Column, string Problem)
{
    /// <summary>Gets the text that the message of a <see cref="ClassAdParseException"/> would carry for this error from <paramref name="source"/>.</summary>
    public string Message(string? source) => ClassAdParseException.Format(source, Line, Column, Problem);

    /// <summary>Makes the exception that reports this error from <paramref name="source"/>.</summary>
    public ClassAdParseException ToException(string? source) => new(Line, Column, Problem, source);
}
