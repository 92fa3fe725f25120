using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;
using VmMiddleware.Remote.Authentication;
using VmMiddleware.Remote.HostKeys;

namespace VmMiddleware.Remote.Gateways;

/// <summary>An SSH connection to a gateway (commands) with an SFTP channel (files), opened with the host key checked and a public key.</summary>
/// <remarks>Every failure to connect is a <see cref="RemoteException"/> with one line: an unknown or changed host key (with its
/// fingerprint), keys refused, a host that does not resolve or refuses the connection, a connection lost.</remarks>
public sealed class GatewaySession : IDisposable
{
    private readonly SshClient ssh;
    private readonly SftpClient sftp;

    private GatewaySession(GatewayOptions options, SshClient ssh, SftpClient sftp, string home)
    {
        Options = options;
        this.ssh = ssh;
        this.sftp = sftp;
        Home = home;
        Root = options.RemoteRoot.StartsWith('/') ? options.RemoteRoot : home.TrimEnd('/') + "/" + options.RemoteRoot;
    }

    /// <summary>Gets the options the session was opened with.</summary>
    public GatewayOptions Options { get; }

    /// <summary>Gets the remote user's home directory.</summary>
    public string Home { get; }

    /// <summary>Gets the absolute gateway-side root (blobs, partial uploads, jobs).</summary>
    public string Root { get; }

    /// <summary>Gets the SFTP channel.</summary>
    internal SftpClient Files => sftp;

    /// <summary>Connects, checks the host key and authenticates with the first key the gateway accepts.</summary>
    /// <exception cref="RemoteException">The connection or the authentication failed; the message says which and why.</exception>
    public static GatewaySession Open(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var address = options.Address;
        var keys = ClientKeys.Load(options.IdentityFiles, options.AgentSocket, options.SshDirectory);
        if (keys.Count == 0)
        {
            throw new RemoteException($"no SSH key to offer to {address}: pass --identity KEY, start ssh-agent, or create ~/.ssh/id_ed25519");
        }

        var policy = new HostKeyPolicy(options.EffectiveKnownHosts, options.HostKeyFingerprint);
        SshClient? ssh = null;
        SftpClient? sftp = null;
        try
        {
            ssh = new SshClient(Connection(options, keys, policy));
            var refusal = Guard(ssh, policy, address.KnownHostsName);
            Connect(ssh, address, keys, refusal);
            sftp = new SftpClient(Connection(options, keys, policy)) { OperationTimeout = TimeSpan.FromMinutes(5) };
            refusal = Guard(sftp, policy, address.KnownHostsName);
            Connect(sftp, address, keys, refusal);
            // The shell's $HOME, not SFTP's start directory: sshd's SetEnv or a login script may set it elsewhere than passwd.
            var home = ssh.RunCommand("printf '%s' \"$HOME\"").Result is { Length: > 0 } shellHome ? shellHome : sftp.WorkingDirectory;
            var session = new GatewaySession(options, ssh, sftp, home);
            ssh = null;
            sftp = null;
            return session;
        }
        finally
        {
            sftp?.Dispose();
            ssh?.Dispose();
        }
    }

    /// <summary>Runs <paramref name="command"/> through the remote user's shell and returns its exit status and output.</summary>
    /// <exception cref="RemoteException">The connection was lost.</exception>
    public RemoteCommandResult Run(string command)
    {
        try
        {
            using var run = ssh.CreateCommand(command);
            run.CommandTimeout = TimeSpan.FromMinutes(10);
            var stdout = run.Execute();
            return new RemoteCommandResult(run.ExitStatus ?? -1, stdout, run.Error);
        }
        catch (Exception e) when (e is SshException or SocketException or ObjectDisposedException or InvalidOperationException)
        {
            throw Lost(e);
        }
    }

    /// <summary>Runs <paramref name="command"/> and returns its stdout, or throws with its last line of output when it fails.</summary>
    /// <exception cref="RemoteException">The command exited non-zero, or the connection was lost.</exception>
    public string RunOrThrow(string command, string what)
    {
        var result = Run(command);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new RemoteException($"{what} failed on {Options.Address} (exit {result.ExitCode}): {result.LastLine}");
    }

    /// <summary>The error for a connection that broke during <paramref name="cause"/>.</summary>
    internal RemoteException Lost(Exception cause) =>
        new($"the connection to {Options.Address} was lost: {OneLine(cause.Message)}", cause);

    /// <inheritdoc/>
    public void Dispose()
    {
        sftp.Dispose();
        ssh.Dispose();
    }

    private static ConnectionInfo Connection(GatewayOptions options, IReadOnlyList<(IPrivateKeySource Key, string Description)> keys, HostKeyPolicy policy)
    {
        var address = options.Address;
        var info = new ConnectionInfo(address.Host, address.Port, address.User, new PrivateKeyAuthenticationMethod(address.User, [.. keys.Select(k => k.Key)]))
        {
            Timeout = options.ConnectTimeout,
            Encoding = Encoding.UTF8,
        };

        // As OpenSSH does, ask first for the key types known_hosts holds for this host, so a host with several keys shows a known one.
        var known = policy.KnownKeyTypes(address.KnownHostsName);
        if (known.Count > 0)
        {
            var all = info.HostKeyAlgorithms.ToList();
            info.HostKeyAlgorithms.Clear();
            foreach (var pair in all.Where(p => known.Contains(KeyTypeOf(p.Key))).Concat(all.Where(p => !known.Contains(KeyTypeOf(p.Key)))))
            {
                info.HostKeyAlgorithms.Add(pair.Key, pair.Value);
            }
        }

        return info;
    }

    // rsa-sha2-256 and rsa-sha2-512 are signature algorithms over an ssh-rsa key.
    private static string KeyTypeOf(string algorithm) => algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal) ? "ssh-rsa" : algorithm;

    private static StrongBox<string?> Guard(BaseClient client, HostKeyPolicy policy, string name)
    {
        var refusal = new StrongBox<string?>(null);
        client.HostKeyReceived += (_, e) =>
        {
            var (verdict, message) = policy.Check(name, KeyTypeOf(e.HostKeyName), e.HostKey);
            e.CanTrust = verdict == HostKeyVerdict.Trusted;
            refusal.Value = e.CanTrust ? null : message;
        };
        return refusal;
    }

    private static void Connect(BaseClient client, GatewayAddress address, IReadOnlyList<(IPrivateKeySource Key, string Description)> keys, StrongBox<string?> refusal)
    {
        try
        {
            client.Connect();
        }
        catch (Exception) when (refusal.Value is { } message)
        {
            throw new RemoteException(message);
        }
        catch (SshAuthenticationException e)
        {
            throw new RemoteException($"{address} refused every key offered ({string.Join(", ", keys.Select(k => k.Description))}): {OneLine(e.Message)}", e);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData)
        {
            throw new RemoteException($"cannot resolve the gateway host '{address.Host}': {OneLine(e.Message)}", e);
        }
        catch (SocketException e)
        {
            throw new RemoteException($"cannot connect to {address}: {OneLine(e.Message)}", e);
        }
        catch (SshOperationTimeoutException e)
        {
            throw new RemoteException($"{address} did not complete the SSH handshake within the timeout: {OneLine(e.Message)}", e);
        }
        catch (SshException e)
        {
            throw new RemoteException($"SSH connection to {address} failed: {OneLine(e.Message)}", e);
        }
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
