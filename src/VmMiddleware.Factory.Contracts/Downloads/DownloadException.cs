using System.Net;

namespace VmMiddleware.Factory.Contracts.Downloads;

/// <summary>A download or request of <see cref="ResumableDownloader"/> that failed after its attempts: what kind, whether a later try may pass, and the cause.</summary>
public sealed class DownloadException : Exception
{
    /// <summary>Initializes a failure of <paramref name="address"/>.</summary>
    /// <param name="address">The URL that failed.</param>
    /// <param name="failure">What kind of failure.</param>
    /// <param name="retryable">Whether trying again later may pass (a dropped connection, a 5xx answer) or not (a 404, an untrusted server, bad content).</param>
    /// <param name="message">One line naming the URL and what went wrong.</param>
    /// <param name="statusCode">The HTTP status, for <see cref="DownloadFailure.Status"/>.</param>
    /// <param name="innerException">The cause.</param>
    public DownloadException(Uri address, DownloadFailure failure, bool retryable, string message, HttpStatusCode? statusCode = null, Exception? innerException = null)
        : base(message, innerException)
    {
        Address = address;
        Failure = failure;
        Retryable = retryable;
        StatusCode = statusCode;
    }

    /// <summary>Initializes a failure with no URL (for serializers and tests).</summary>
    public DownloadException()
        : this(new Uri("about:blank"), DownloadFailure.Connection, true, "the download failed")
    {
    }

    /// <summary>Initializes a failure with a message.</summary>
    public DownloadException(string message)
        : this(new Uri("about:blank"), DownloadFailure.Connection, true, message)
    {
    }

    /// <summary>Initializes a failure with a message and its cause.</summary>
    public DownloadException(string message, Exception innerException)
        : this(new Uri("about:blank"), DownloadFailure.Connection, true, message, null, innerException)
    {
    }

    /// <summary>Gets the URL that failed.</summary>
    public Uri Address { get; }

    /// <summary>Gets what kind of failure it was.</summary>
    public DownloadFailure Failure { get; }

    /// <summary>Gets whether trying again later may pass.</summary>
    public bool Retryable { get; }

    /// <summary>Gets the HTTP status the server answered, for <see cref="DownloadFailure.Status"/>.</summary>
    public HttpStatusCode? StatusCode { get; }
}
