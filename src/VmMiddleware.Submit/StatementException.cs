namespace VmMiddleware.Submit;

/// <summary>A statement is wrong (a macro fails to expand, a queue statement is malformed, ...); the reader adds the file and line.</summary>
internal sealed class StatementException : Exception
{
    public StatementException(string message)
        : base(message)
    {
    }

    public StatementException()
    {
    }

    public StatementException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
