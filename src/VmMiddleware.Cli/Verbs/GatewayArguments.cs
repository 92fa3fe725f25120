using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.HostKeys;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Verbs;

/// <summary>The options that say how to reach a gateway (--gateway, --identity, --host-key, --known-hosts, --remote-root, --remote-cache-size), read with the settings' HOME, USER and SSH_AUTH_SOCK into <see cref="GatewayOptions"/>.</summary>
/// <param name="settings">The settings vmgrid read from its environment at start-up.</param>
internal sealed class GatewayArguments(VmgridSettings settings)
{
    /// <summary>Gets the settings the gateway options are read with (the verbs using them find the job catalogue there too).</summary>
    public VmgridSettings Settings => settings;

    public Option<string?> Gateway { get; } = new("--gateway") { Description = "The gateway, user@host[:port], reached over SSH." };

    public Option<string[]> Identity { get; } = new("--identity", "-i") { Description = "A private key file to authenticate with (repeatable); default: ssh-agent ($SSH_AUTH_SOCK) and ~/.ssh/id_ed25519, id_ecdsa, id_rsa." };

    public Option<string?> HostKey { get; } = new("--host-key") { Description = "The gateway's host-key fingerprint, SHA256:... (as ssh-keygen -lf prints it), trusted instead of ~/.ssh/known_hosts." };

    public Option<string[]> KnownHosts { get; } = new("--known-hosts") { Description = "A known_hosts file to check the host key against (repeatable); default ~/.ssh/known_hosts." };

    public Option<string?> RemoteRoot { get; } = new("--remote-root") { Description = "The directory on the gateway for blobs and job directories (relative to the remote home); default .cache/vmmiddleware/gateway." };

    public Option<string?> RemoteCacheSize { get; } = new("--remote-cache-size") { Description = "Submit: the size the gateway's blob store is trimmed to after the upload (bytes, or a number with K, M, G or T), least recently used contents first; default 20G." };

    public IEnumerable<Option> All => [Gateway, Identity, HostKey, KnownHosts, RemoteRoot, RemoteCacheSize];

    /// <summary>Returns the options for <paramref name="address"/>, or for a catalogue entry's gateway with the trust it was submitted with when the command line names none.</summary>
    public GatewayOptions Read(ParseResult parse, string address, GatewayTrust? trust)
    {
        var hostKey = parse.GetValue(HostKey) ?? trust?.HostKeyFingerprint;
        if (hostKey is not null && !HostKeyFingerprint.IsValid(hostKey))
        {
            throw new UserErrorException($"--host-key {hostKey}: expected SHA256: and 43 base64 characters, as ssh-keygen -lf prints it");
        }

        var identities = parse.GetValue(Identity) is { Length: > 0 } given ? given.Select(Path.GetFullPath).ToArray() : trust?.IdentityFiles ?? [];
        var knownHosts = parse.GetValue(KnownHosts) is { Length: > 0 } files ? files.Select(Path.GetFullPath).ToArray() : trust?.KnownHostsFiles;
        var home = settings.Home;
        GatewayAddress parsed;
        try
        {
            parsed = GatewayAddress.Parse(address, settings.UserName);
        }
        catch (FormatException e)
        {
            throw new UserErrorException("--gateway " + e.Message, e);
        }

        return new GatewayOptions
        {
            Address = parsed,
            IdentityFiles = identities,
            AgentSocket = settings.SshAgentSocket,
            SshDirectory = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".ssh"),
            KnownHostsFiles = knownHosts,
            HostKeyFingerprint = hostKey,
            RemoteRoot = parse.GetValue(RemoteRoot) ?? ".cache/vmmiddleware/gateway",
            RemoteCacheBytes = parse.GetValue(RemoteCacheSize) is { } size ? CacheOptions.ParseSize(size) : null,
        };
    }

    /// <summary>Finds the job <paramref name="reference"/> names (see <see cref="JobLocation.Resolve"/>), with the gateway options of this command line.</summary>
    public JobLocation Locate(JobCatalogue catalogue, string reference, ParseResult parse) => JobLocation.Resolve(
        catalogue,
        reference,
        new JobLocatorOptions(settings.CataloguePath, Environment.CurrentDirectory, parse.GetValue(Gateway), (address, trust) => Read(parse, address, trust)));
}
