namespace VmMiddleware.Plugins.Transfer;

/// <summary>The plugin's own ErrorCode values (HTTP statuses and errno values are reported as themselves).</summary>
public static class TransferErrorCodes
{
    /// <summary>The URL is not vmimage://HOST[:PORT]/ID.</summary>
    public const long BadUrl = 1001;

    /// <summary>vmimage:// takes no uploads.</summary>
    public const long UploadUnsupported = 1002;

    /// <summary>A layer's SHA-256 did not match what the service's chain listing says.</summary>
    public const long ChecksumMismatch = 1003;

    /// <summary>The image's chain is larger than the cache's cap.</summary>
    public const long CacheTooSmall = 1004;

    /// <summary>The connection dropped on every attempt, or the service's answer was not what the protocol says.</summary>
    public const long Incomplete = 1005;

    /// <summary>The credential or the trust directory could not be loaded.</summary>
    public const long NoCredential = 1006;

    /// <summary>Writing the cache or the job's file failed (other than for lack of space).</summary>
    public const long LocalIo = 1007;

    /// <summary>The service's certificate does not chain to a CA of the configured trust directory, or is not for its host (Authorization, not retryable).</summary>
    public const long UntrustedServer = 1008;
}
