namespace VmMiddleware.Submit;

/// <summary>A submit description file is malformed or asks for something a VM work unit cannot do; the message reads "file.sub(line 12): cause".</summary>
public sealed class SubmitFileException : Exception
{
    /// <summary>Initializes an exception with a generic message and no position.</summary>
    public SubmitFileException()
        : this("The submit description is not valid.")
    {
    }

    /// <summary>Initializes an exception with a message and no position.</summary>
    /// <param name="message">The full message.</param>
    public SubmitFileException(string message)
        : base(message)
    {
        File = string.Empty;
        Detail = message;
    }

    /// <summary>Initializes an exception with a message and no position that wraps <paramref name="innerException"/>.</summary>
    /// <param name="message">The full message.</param>
    /// <param name="innerException">The error that caused this one.</param>
    public SubmitFileException(string message, Exception? innerException)
        : base(message, innerException)
    {
        File = string.Empty;
        Detail = message;
    }

    /// <summary>Initializes an exception that names the file, the line and the cause.</summary>
    /// <param name="file">The submit file's name as given (or the source name of submit text).</param>
    /// <param name="line">The 1-based line, or 0 when the cause has no line.</param>
    /// <param name="detail">What is wrong and, where it helps, what was expected.</param>
    /// <param name="innerException">The error that caused this one, if any.</param>
    public SubmitFileException(string file, int line, string detail, Exception? innerException = null)
        : base(Format(file, line, detail), innerException)
    {
        File = file;
        Line = line;
        Detail = detail;
    }

    /// <summary>Gets the name of the submit file the error is in.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line of the error, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets what is wrong, without the file and line.</summary>
    public string Detail { get; }

    private static string Format(string file, int line, string detail) =>
        line > 0 ? $"{file}(line {line}): {detail}" : $"{file}: {detail}";
}
