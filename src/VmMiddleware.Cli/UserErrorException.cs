namespace VmMiddleware.Cli;

/// <summary>A problem with the user's input; reported as one line on stderr with exit code 1.</summary>
internal sealed class UserErrorException : Exception
{
    public UserErrorException(string message)
        : base(message)
    {
    }

    public UserErrorException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public UserErrorException()
    {
    }
}
