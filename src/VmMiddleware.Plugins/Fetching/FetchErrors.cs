using System.Net;
using System.Net.Sockets;
using System.Security.Authentication;
using VmMiddleware.Plugins.Transfer;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>Sorts what went wrong talking to the service into HTCondor's error types, and says which failures another attempt may cure.</summary>
internal static class FetchErrors
{
    /// <summary>Returns whether <paramref name="e"/> may pass on another attempt: a dropped or refused connection, a timeout, a 5xx answer (never a server certificate this client does not trust).</summary>
    public static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        FetchException => false,
        _ when Find<AuthenticationException>(e) is not null => false,
        HttpRequestException { StatusCode: { } status } => (int)status >= 500,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.HostNotFound } } => false,
        HttpRequestException or IOException => true,
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // HttpClient's timeout
        _ => false,
    };

    /// <summary>Returns the structured error for <paramref name="e"/>, met fetching <paramref name="address"/>.</summary>
    public static TransferErrorData Classify(Exception e, Uri address)
    {
        var server = FactoryDownloads.Server(address);
        var socket = Find<SocketException>(e);
        return e switch
        {
            _ when Find<AuthenticationException>(e) is { } refused =>
                new(TransferErrorTypes.Authorization, TransferErrorCodes.UntrustedServer, $"{server}: {refused.Message} (the trust directory in the plugin's configuration has no CA that signed it)", -1)
                {
                    FailedServer = server, FailureType = "Authorization", ShouldRefresh = false,
                },
            HttpRequestException { StatusCode: HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized } http =>
                new(TransferErrorTypes.Authorization, (int)http.StatusCode, e.Message, -1) { FailedServer = server, FailureType = "Authorization", ShouldRefresh = false },
            HttpRequestException { StatusCode: HttpStatusCode.NotFound } http =>
                new(TransferErrorTypes.Specification, (int)http.StatusCode, $"{address}: the factory service has no such image ({e.Message})", -1) { FailedServer = server },
            HttpRequestException { StatusCode: { } status } =>
                new(TransferErrorTypes.Transfer, (int)status, e.Message, (int)status >= 500 ? 0 : -1) { FailedServer = server },
            _ when socket is { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } =>
                new(TransferErrorTypes.Resolution, socket.ErrorCode, $"{address.Host}: {socket.Message}", socket.SocketErrorCode == SocketError.HostNotFound ? -1 : 0)
                {
                    FailedName = address.Host, FailureType = socket.SocketErrorCode == SocketError.HostNotFound ? "Definitive" : "PreContact",
                },
            _ when socket is not null && e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                new(TransferErrorTypes.Contact, socket.ErrorCode, $"{server}: cannot connect to the factory service: {socket.Message}", 0) { FailedServer = server },
            OperationCanceledException =>
                new(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, $"{address}: the service did not answer in time", 0) { FailedServer = server, FailureType = "TimedOut" },
            IOException io when io.HResult == 28 || (io.HResult & 0xFFFF) == 28 =>
                new(TransferErrorTypes.Transfer, 28, $"no space left writing {address}: {io.Message}", -1) { FailureType = "NoSpace" },
            _ => new(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, $"{address}: the transfer did not complete after every attempt: {Messages(e)}", 0) { FailedServer = server },
        };
    }

    private static T? Find<T>(Exception? e)
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

    private static string Messages(Exception e)
    {
        var parts = new List<string>();
        for (Exception? x = e; x is not null && parts.Count < 3; x = x.InnerException)
        {
            parts.Add(x.Message);
        }

        return string.Join(": ", parts.Distinct());
    }
}
