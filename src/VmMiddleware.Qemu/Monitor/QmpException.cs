namespace VmMiddleware.Qemu.Monitor;

/// <summary>A QMP command failed, or the monitor connection was lost; the message carries QEMU's error class and description.</summary>
public sealed class QmpException : Exception
{
    /// <summary>Initializes the exception with no message.</summary>
    public QmpException()
    {
    }

    /// <summary>Initializes the exception with a message.</summary>
    public QmpException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes the exception with a message and its cause.</summary>
    public QmpException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
