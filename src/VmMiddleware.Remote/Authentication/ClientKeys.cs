using Renci.SshNet;
using Renci.SshNet.Common;

namespace VmMiddleware.Remote.Authentication;

/// <summary>The keys a client offers, in OpenSSH's order: --identity files, then the agent's keys, then ~/.ssh/id_* when no --identity was given.</summary>
internal static class ClientKeys
{
    private static readonly string[] DefaultNames = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>Loads the keys; returns them with one description each (for the error that lists what was tried).</summary>
    /// <param name="identityFiles">Key files given with --identity; each must load.</param>
    /// <param name="agentSocket">The ssh-agent socket, or null.</param>
    /// <param name="sshDirectory">The user's ~/.ssh, for the default key files, or null.</param>
    /// <exception cref="RemoteException">A --identity file is missing, unreadable, not a key or encrypted.</exception>
    public static IReadOnlyList<(IPrivateKeySource Key, string Description)> Load(IReadOnlyList<string> identityFiles, string? agentSocket, string? sshDirectory)
    {
        ArgumentNullException.ThrowIfNull(identityFiles);
        var keys = new List<(IPrivateKeySource, string)>();
        foreach (var file in identityFiles)
        {
            keys.Add((LoadFile(file) ?? throw new RemoteException($"--identity {file}: the file does not exist"), file));
        }

        if (agentSocket is not null && File.Exists(agentSocket))
        {
            try
            {
                keys.AddRange(AgentKey.List(new AgentClient(agentSocket)).Select(k => ((IPrivateKeySource)k, "agent key " + k.Comment)));
            }
            catch (IOException)
            {
                // OpenSSH goes on without an agent it cannot reach.
            }
        }

        if (identityFiles.Count == 0 && sshDirectory is not null)
        {
            foreach (var name in DefaultNames)
            {
                var path = Path.Combine(sshDirectory, name);
                try
                {
                    if (LoadFile(path) is { } key)
                    {
                        keys.Add((key, path));
                    }
                }
                catch (RemoteException)
                {
                    // A default key that is encrypted or unreadable is skipped, as ssh does without a passphrase prompt.
                }
            }
        }

        return keys;
    }

    private static PrivateKeyFile? LoadFile(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            return new PrivateKeyFile(path);
        }
        catch (SshPassPhraseNullOrEmptyException e)
        {
            throw new RemoteException($"{path}: the key is encrypted; add it to ssh-agent (ssh-add) instead", e);
        }
        catch (Exception e) when (e is SshException or InvalidOperationException or ArgumentException or FormatException or IOException or UnauthorizedAccessException or NotSupportedException)
        {
            throw new RemoteException($"{path}: not a private key SSH.NET can read ({e.Message})", e);
        }
    }
}
