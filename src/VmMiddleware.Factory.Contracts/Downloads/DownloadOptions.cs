namespace VmMiddleware.Factory.Contracts.Downloads;

/// <summary>How hard a <see cref="ResumableDownloader"/> tries: attempts per request, the pause between them, the clock it waits on.</summary>
public sealed record DownloadOptions
{
    /// <summary>Gets how many times one request is attempted before it fails; default 5.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>Gets the pause before the second attempt (it doubles, up to <see cref="MaxRetryDelay"/>); default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets the longest pause between attempts; default 30 s.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the clock the pauses are measured on.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
