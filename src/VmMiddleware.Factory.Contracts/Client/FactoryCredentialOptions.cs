namespace VmMiddleware.Factory.Contracts.Client;

/// <summary>Where to look for the grid credential and trust directory a factory client talks with: the explicit choices, then the usual places.</summary>
/// <remarks>The CLI fills it from its command line and settings ($X509_USER_PROXY and friends); the library reads no environment.</remarks>
public sealed record FactoryCredentialOptions
{
    /// <summary>Gets the proxy file given explicitly (--proxy), tried alone when set.</summary>
    public string? ProxyFile { get; init; }

    /// <summary>Gets the certificate given explicitly (--cert), tried alone when set (and no proxy file is).</summary>
    public string? Certificate { get; init; }

    /// <summary>Gets the key of <see cref="Certificate"/> (--key); the certificate file itself when null.</summary>
    public string? KeyFile { get; init; }

    /// <summary>Gets the trust directory given explicitly (--trust).</summary>
    public string? TrustDirectory { get; init; }

    /// <summary>Gets the user's proxy file from the environment ($X509_USER_PROXY).</summary>
    public string? UserProxy { get; init; }

    /// <summary>Gets the user's certificate from the environment ($X509_USER_CERT).</summary>
    public string? UserCertificate { get; init; }

    /// <summary>Gets the user's key from the environment ($X509_USER_KEY).</summary>
    public string? UserKey { get; init; }

    /// <summary>Gets the trust directory from the environment ($X509_CERT_DIR).</summary>
    public string? CertificateDirectory { get; init; }

    /// <summary>Gets the default proxy file grid-proxy-init writes (/tmp/x509up_uUID).</summary>
    public string? DefaultProxy { get; init; }

    /// <summary>Gets the user's home directory (for ~/.globus), or null.</summary>
    public string? Home { get; init; }
}
