using System.Net.Sockets;
using System.Security.Authentication;
using VmMiddleware.Host.Files;

namespace VmMiddleware.Factory.Contracts.Downloads;

/// <summary>Sorts what went wrong in a request into the one error model, <see cref="DownloadException"/>: which failures another attempt may cure, and what kind each is.</summary>
public static class DownloadErrors
{
    /// <summary>Returns whether <paramref name="e"/> may pass on another attempt: a dropped or refused connection, a timeout, a 5xx answer (never a server certificate this client does not trust, an unknown host, or a full disk).</summary>
    /// <param name="e">What the attempt threw.</param>
    /// <param name="cancellationToken">The caller's token: a cancellation it asked for is not retried.</param>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        DownloadException d => d.Retryable && d.Failure is DownloadFailure.Connection,
        _ when Find<AuthenticationException>(e) is not null => false,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound } } => false,
        IOException io when IoErrors.IsNoSpace(io) => false,
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        _ => false,
    };

    /// <summary>Returns the <see cref="DownloadException"/> for <paramref name="e"/>, met requesting <paramref name="address"/> (after the attempts, or at once when <paramref name="e"/> is not transient).</summary>
    /// <param name="e">What the last attempt threw.</param>
    /// <param name="address">The URL requested.</param>
    public static DownloadException Wrap(Exception e, Uri address)
    {
        ArgumentNullException.ThrowIfNull(e);
        ArgumentNullException.ThrowIfNull(address);
        return e switch
        {
            DownloadException d => d,
            _ when Find<AuthenticationException>(e) is { } refused => new(address, DownloadFailure.Untrusted, false, $"{address}: {refused.Message}", null, e),
            HttpRequestException { StatusCode: { } status } => new(address, DownloadFailure.Status, (int)status >= 500, e.Message, status, e),
            IOException io when IoErrors.IsNoSpace(io) => new(address, DownloadFailure.LocalWrite, false, $"no space left writing {address}: {io.Message}", null, e),
            OperationCanceledException => new(address, DownloadFailure.Connection, true, $"{address}: the service did not answer in time", null, e),
            _ => new(address, DownloadFailure.Connection, IsTransient(e, CancellationToken.None), $"{address}: {Messages(e)}", null, e),
        };
    }

    /// <summary>Returns <paramref name="e"/> or the first of its inner exceptions that is a <typeparamref name="T"/>, or null.</summary>
    /// <typeparam name="T">The exception type looked for.</typeparam>
    /// <param name="e">The outermost exception.</param>
    public static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Returns the messages of <paramref name="e"/> and up to two inner exceptions, without repeats, joined by ": ".</summary>
    /// <param name="e">The outermost exception.</param>
    public static string Messages(Exception e)
    {
        var parts = new List<string>();
        for (var x = e; x is not null && parts.Count < 3; x = x.InnerException)
        {
            parts.Add(x.Message);
        }

        return string.Join(": ", parts.Distinct());
    }
}
