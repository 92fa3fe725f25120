namespace VmMiddleware.Plugins.Transfer;

/// <summary>One result ad of the plugin's -outfile.</summary>
/// <param name="Request">The request this answers (TransferUrl, TransferFileName).</param>
/// <param name="Success">TransferSuccess.</param>
/// <param name="Type">TransferType: download or upload.</param>
public sealed record TransferResult(TransferRequest Request, bool Success, string Type)
{
    /// <summary>Gets the bytes received from (or sent to) the network for this request (TransferTotalBytes).</summary>
    public long TotalBytes { get; init; }

    /// <summary>Gets the bytes of the files handed to the job (TransferFileBytes).</summary>
    public long FileBytes { get; init; }

    /// <summary>Gets when the transfer started, in seconds since the epoch (TransferStartTime).</summary>
    public long StartTime { get; init; }

    /// <summary>Gets when the transfer ended, in seconds since the epoch (TransferEndTime).</summary>
    public long EndTime { get; init; }

    /// <summary>Gets the seconds spent connecting and talking to the service (ConnectionTimeSeconds).</summary>
    public double ConnectionTimeSeconds { get; init; }

    /// <summary>Gets the error for the submitter (TransferError), when it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Gets the structured errors (TransferErrorData), one per failed attempt kind; empty on success.</summary>
    public IReadOnlyList<TransferErrorData> ErrorData { get; init; } = [];

    /// <summary>Gets the counters for developers (DeveloperData): layers found cached, layers downloaded, attempts.</summary>
    public IReadOnlyDictionary<string, long> DeveloperData { get; init; } = new Dictionary<string, long>(StringComparer.Ordinal);
}
