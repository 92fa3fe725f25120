using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>A fetch that failed, with the structured error the result ad reports.</summary>
public sealed class FetchException : Exception
{
    /// <summary>Initializes an exception carrying <paramref name="error"/>.</summary>
    public FetchException(TransferErrorData error, Exception? innerException = null)
        : base((error ?? throw new ArgumentNullException(nameof(error))).ErrorString, innerException)
    {
        Error = error;
    }

    /// <summary>Initializes an exception with no structured error.</summary>
    public FetchException()
        : this(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, "the fetch failed", 0))
    {
    }

    /// <summary>Initializes a Transfer error with a message.</summary>
    public FetchException(string message)
        : this(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, message, 0))
    {
    }

    /// <summary>Initializes a Transfer error with a message and its cause.</summary>
    public FetchException(string message, Exception innerException)
        : this(new TransferErrorData(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, message, 0), innerException)
    {
    }

    /// <summary>Gets the structured error.</summary>
    public TransferErrorData Error { get; }
}
