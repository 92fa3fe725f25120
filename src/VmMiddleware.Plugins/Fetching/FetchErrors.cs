using System.Net;
using System.Net.Sockets;
using VmMiddleware.Factory.Contracts.Downloads;
using VmMiddleware.Plugins.Transfer;
using VmMiddleware.Host.Files;

namespace VmMiddleware.Plugins.Fetching;

/// <summary>Maps a failed download (<see cref="DownloadException"/>) to HTCondor's structured transfer error: its type, code and whether the starter may retry.</summary>
internal static class FetchErrors
{
    /// <summary>Returns the structured error for <paramref name="failed"/>.</summary>
    public static TransferErrorData Classify(DownloadException failed)
    {
        var address = failed.Address;
        var server = FactoryDownloads.Server(address);
        var e = failed.InnerException ?? failed;
        var socket = DownloadErrors.Find<SocketException>(e);
        return failed.Failure switch
        {
            DownloadFailure.ChecksumMismatch => new(TransferErrorTypes.Transfer, TransferErrorCodes.ChecksumMismatch, failed.Message, -1) { FailedServer = server },
            DownloadFailure.Unreadable => new(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, failed.Message, -1) { FailedServer = server },
            DownloadFailure.Untrusted =>
                new(TransferErrorTypes.Authorization, TransferErrorCodes.UntrustedServer, $"{server}: {DownloadErrors.Find<System.Security.Authentication.AuthenticationException>(e)?.Message} (the trust directory in the plugin's configuration has no CA that signed it)", -1)
                {
                    FailedServer = server, FailureType = "Authorization", ShouldRefresh = false,
                },
            DownloadFailure.Status when failed.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized =>
                new(TransferErrorTypes.Authorization, (int)failed.StatusCode, failed.Message, -1) { FailedServer = server, FailureType = "Authorization", ShouldRefresh = false },
            DownloadFailure.Status when failed.StatusCode is HttpStatusCode.NotFound =>
                new(TransferErrorTypes.Specification, 404, $"{address}: the factory service has {Missing(address)} ({failed.Message})", -1) { FailedServer = server },
            DownloadFailure.Status when failed.StatusCode is { } status =>
                new(TransferErrorTypes.Transfer, (int)status, failed.Message, (int)status >= 500 ? 0 : -1) { FailedServer = server },
            DownloadFailure.LocalWrite when IoErrors.IsNoSpace(e) =>
                new(TransferErrorTypes.Transfer, 28, failed.Message, -1) { FailureType = "NoSpace" },
            _ when socket is { SocketErrorCode: SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData } =>
                new(TransferErrorTypes.Resolution, socket.ErrorCode, $"{address.Host}: {socket.Message}", socket.SocketErrorCode == SocketError.HostNotFound ? -1 : 0)
                {
                    FailedName = address.Host, FailureType = socket.SocketErrorCode == SocketError.HostNotFound ? "Definitive" : "PreContact",
                },
            _ when socket is not null && e is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } =>
                new(TransferErrorTypes.Contact, socket.ErrorCode, $"{server}: cannot connect to the factory service: {socket.Message}", 0) { FailedServer = server },
            _ when e is OperationCanceledException =>
                new(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, failed.Message, 0) { FailedServer = server, FailureType = "TimedOut" },
            _ => new(TransferErrorTypes.Transfer, TransferErrorCodes.Incomplete, $"{address}: the transfer did not complete after every attempt: {DownloadErrors.Messages(e)}", 0) { FailedServer = server },
        };
    }

    // A 404 names what the service lacks: an image's chain or layer, or a published file.
    private static string Missing(Uri address) => address.AbsolutePath switch
    {
        var p when p.StartsWith("/v1/artifacts/", StringComparison.Ordinal) => "no such published file " + p["/v1/artifacts/".Length..],
        var p when p.StartsWith("/v1/layers/", StringComparison.Ordinal) => "no such layer " + p["/v1/layers/".Length..],
        var p when p.StartsWith("/v1/chains/", StringComparison.Ordinal) => "no such image " + p["/v1/chains/".Length..],
        _ => "no such file",
    };
}
