namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>A call to the factory service that failed (unreachable, refused, a fault, a failed build, no usable credential), with one line saying what and where.</summary>
public sealed class FactoryClientException : Exception
{
    /// <summary>Initializes a failure with no message.</summary>
    public FactoryClientException()
    {
    }

    /// <summary>Initializes a failure with a one-line message.</summary>
    public FactoryClientException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a failure with a one-line message and its cause.</summary>
    public FactoryClientException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
