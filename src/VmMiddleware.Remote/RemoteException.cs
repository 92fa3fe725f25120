namespace VmMiddleware.Remote;

/// <summary>A remote operation failed for a reason the user can act on; the message is one line saying what and why.</summary>
public sealed class RemoteException : Exception
{
    /// <summary>Initializes an exception with a message.</summary>
    public RemoteException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes an exception with a message and its cause.</summary>
    public RemoteException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes an exception with no message.</summary>
    public RemoteException()
    {
    }
}
