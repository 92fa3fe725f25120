namespace VmMiddleware.Factory.Configuration;

/// <summary>Everything the factory service is configured with; every setting has a default that works on a gateway set up the grid way.</summary>
public sealed record ServiceSettings
{
    /// <summary>Gets the address to listen on; 0.0.0.0:8443 by default (port 0 picks a free port).</summary>
    public string ListenAddress { get; init; } = "0.0.0.0";

    /// <summary>Gets the port to listen on; 8443 by default.</summary>
    public int Port { get; init; } = 8443;

    /// <summary>Gets the service's certificate (PEM, its chain may follow); /etc/grid-security/hostcert.pem by default.</summary>
    public string Certificate { get; init; } = "/etc/grid-security/hostcert.pem";

    /// <summary>Gets the service's private key (PEM, unencrypted); /etc/grid-security/hostkey.pem by default.</summary>
    public string PrivateKey { get; init; } = "/etc/grid-security/hostkey.pem";

    /// <summary>Gets the trust directory (CA certificates HASH.N, CRLs HASH.rN); /etc/grid-security/certificates by default.</summary>
    public string TrustDirectory { get; init; } = "/etc/grid-security/certificates";

    /// <summary>Gets the grid-mapfile mapping certificate subjects to accounts; /etc/grid-security/grid-mapfile by default.</summary>
    public string GridMapfile { get; init; } = "/etc/grid-security/grid-mapfile";

    /// <summary>Gets the directory of the database and the requests' files; /var/lib/vmmiddleware/factory by default.</summary>
    public string DataDirectory { get; init; } = "/var/lib/vmmiddleware/factory";

    /// <summary>Gets the factory store directory, or null for <c>DATA/store</c>.</summary>
    public string? StoreDirectory { get; init; }

    /// <summary>Gets the cap on the store's layers and exports in bytes (least recently used unpinned images go first); 100 GiB by default.</summary>
    public long StoreCapBytes { get; init; } = 100L << 30;

    /// <summary>Gets the base names requests may use; the reference base by default.</summary>
    public IReadOnlyList<string> Bases { get; init; } = ["debian-bookworm"];

    /// <summary>Gets how many builds (builder VMs) run at once; 2 by default.</summary>
    public int BuildConcurrency { get; init; } = 2;

    /// <summary>Gets the reference guest directory the builder VMs boot, or null for <c>guest/</c> beside vmgrid-serve.</summary>
    public string? GuestDirectory { get; init; }

    /// <summary>Gets the cache of boot checkpoints and the accelerator verdict, or null for <c>DATA/cache</c>.</summary>
    public string? CacheDirectory { get; init; }

    /// <summary>Gets the directory whose files (the launcher, the QEMU bundle, the reference guest archive jobs ship) the service publishes by SHA-256 at /v1/artifacts; null for INSTALL/artifacts.</summary>
    public string? ArtifactDirectory { get; init; }

    /// <summary>Gets the builder VM's memory in MiB; 1024 by default.</summary>
    public int BuilderMemoryMiB { get; init; } = 1024;

    /// <summary>Gets the largest request accepted, in bytes; 16 MiB by default.</summary>
    public long MaxRequestBytes { get; init; } = 16L << 20;

    /// <summary>Gets the deepest element nesting a SOAP message may have; 32 by default.</summary>
    public int MaxXmlDepth { get; init; } = 32;

    /// <summary>Gets the default per-account limit on queued and running builds; 4 by default.</summary>
    public int QuotaBuilds { get; init; } = 4;

    /// <summary>Gets the default per-account limit on owned layer and export bytes; 50 GiB by default.</summary>
    public long QuotaBytes { get; init; } = 50L << 30;

    /// <summary>Gets per-account limits on builds that replace <see cref="QuotaBuilds"/>.</summary>
    public IReadOnlyDictionary<string, int> AccountBuilds { get; init; } = new Dictionary<string, int>();

    /// <summary>Gets per-account limits on bytes that replace <see cref="QuotaBytes"/>.</summary>
    public IReadOnlyDictionary<string, long> AccountBytes { get; init; } = new Dictionary<string, long>();

    /// <summary>Gets the base of the download URLs the service hands out (scheme, host, port), or null to use the request's Host.</summary>
    public string? PublicUrl { get; init; }

    /// <summary>Gets the store directory in effect.</summary>
    public string EffectiveStoreDirectory => StoreDirectory ?? Path.Combine(DataDirectory, "store");

    /// <summary>Gets the cache directory in effect.</summary>
    public string EffectiveCacheDirectory => CacheDirectory ?? Path.Combine(DataDirectory, "cache");

    /// <summary>Gets the artifact directory in effect: the configured one, else INSTALL/artifacts.</summary>
    public string EffectiveArtifactDirectory => ArtifactDirectory ?? Path.Combine(AppContext.BaseDirectory, "artifacts");

    /// <summary>Gets the guest directory in effect.</summary>
    public string EffectiveGuestDirectory => GuestDirectory ?? Path.Combine(AppContext.BaseDirectory, "guest");

    /// <summary>Returns <paramref name="account"/>'s limit on queued and running builds.</summary>
    public int BuildsQuota(string account) => AccountBuilds.TryGetValue(account, out var n) ? n : QuotaBuilds;

    /// <summary>Returns <paramref name="account"/>'s limit on owned bytes.</summary>
    public long BytesQuota(string account) => AccountBytes.TryGetValue(account, out var n) ? n : QuotaBytes;
}
