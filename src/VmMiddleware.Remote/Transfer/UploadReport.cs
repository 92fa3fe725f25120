namespace VmMiddleware.Remote.Transfer;

/// <summary>What an upload moved.</summary>
/// <param name="Files">The job's files.</param>
/// <param name="TotalBytes">The job's bytes, counting each distinct content once.</param>
/// <param name="SentBytes">The bytes sent in this upload.</param>
/// <param name="ResumedBytes">The bytes a partial upload on the gateway already held, which were not sent again.</param>
/// <param name="PresentBytes">The bytes of contents the gateway already had whole.</param>
public sealed record UploadReport(int Files, long TotalBytes, long SentBytes, long ResumedBytes, long PresentBytes)
{
    /// <summary>Returns the report of this upload followed by <paramref name="more"/> (a second round for contents evicted meanwhile).</summary>
    public UploadReport Then(UploadReport more)
    {
        ArgumentNullException.ThrowIfNull(more);
        return this with { SentBytes = SentBytes + more.SentBytes, ResumedBytes = ResumedBytes + more.ResumedBytes };
    }
}
