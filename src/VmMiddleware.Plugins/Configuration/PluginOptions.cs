namespace VmMiddleware.Plugins.Configuration;

/// <summary>What the vmimage:// plugin and the site ad are configured with: the factory service, the credential, the per-machine cache.</summary>
/// <remarks>Read at the CLI edge (the plugin's configuration file, see <see cref="PluginConfigurationReader"/>); libraries read no environment.</remarks>
public sealed record PluginOptions
{
    /// <summary>The default port of a vmimage:// URL that names none (the factory's default listening port).</summary>
    public const int DefaultPort = 8443;

    /// <summary>Gets the service that vmimage://factory/ID URLs (host "factory", no port) name, or null when URLs name their service themselves.</summary>
    public Uri? Factory { get; init; }

    /// <summary>Gets the per-machine cache's root directory, shared by every plugin process on the machine.</summary>
    public required string CacheRoot { get; init; }

    /// <summary>Gets the cache's size cap in bytes, or null for no cap.</summary>
    public long? CapBytes { get; init; }

    /// <summary>Gets the PEM file with the client certificate chain (a grid proxy, or a certificate) and, unless <see cref="PrivateKey"/> is set, its key.</summary>
    public string? Credential { get; init; }

    /// <summary>Gets the PEM file with the private key when it is not in <see cref="Credential"/>.</summary>
    public string? PrivateKey { get; init; }

    /// <summary>Gets the trust directory (HASH.0 CA files and HASH.r0 CRLs) the service's certificate is checked against.</summary>
    public required string TrustDirectory { get; init; }

    /// <summary>Gets how many times one layer's download is attempted before the transfer fails; default 5.</summary>
    public int Attempts { get; init; } = 5;

    /// <summary>Gets the pause before the second attempt (it doubles, up to 30 s); default 1 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets how long to wait to connect to the service before giving up on an attempt; default 30 s.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets the clock for transfer times and the cache's use times.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
