namespace VmMiddleware.Factory.Contracts.Downloads;

/// <summary>What kind of failure ended a download.</summary>
public enum DownloadFailure
{
    /// <summary>The server answered with an HTTP error status (<see cref="DownloadException.StatusCode"/>).</summary>
    Status,

    /// <summary>The connection failed, dropped, or timed out on every attempt (the cause is the inner exception).</summary>
    Connection,

    /// <summary>The server's certificate was refused (the cause is the inner <see cref="System.Security.Authentication.AuthenticationException"/>).</summary>
    Untrusted,

    /// <summary>The file arrived whole twice but does not have the size and SHA-256 it should.</summary>
    ChecksumMismatch,

    /// <summary>The server answered something the client cannot use (no length for a HEAD).</summary>
    Unreadable,

    /// <summary>Writing the file on this host failed (the cause is the inner <see cref="IOException"/>).</summary>
    LocalWrite,
}
