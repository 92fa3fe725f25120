namespace VmMiddleware.Cli.Settings;

/// <summary>The grid credential and trust settings the environment gives (each null when unset or empty).</summary>
/// <param name="UserProxy">$X509_USER_PROXY: a proxy credential file.</param>
/// <param name="UserCertificate">$X509_USER_CERT: a certificate file.</param>
/// <param name="UserKey">$X509_USER_KEY: its key file.</param>
/// <param name="CertificateDirectory">$X509_CERT_DIR: the directory of trusted CA certificates.</param>
internal sealed record GridSettings(string? UserProxy, string? UserCertificate, string? UserKey, string? CertificateDirectory);
