using System.Text;
using Renci.SshNet;
using Renci.SshNet.Security;

namespace VmMiddleware.Remote.Authentication;

/// <summary>One key held by an ssh-agent, offered to SSH.NET as a host algorithm whose signatures the agent makes (the private key never leaves the agent).</summary>
internal sealed class AgentKey : HostAlgorithm, IPrivateKeySource
{
    private readonly AgentClient agent;
    private readonly byte[] blob;
    private readonly uint flags;

    private AgentKey(AgentClient agent, byte[] blob, string algorithm, uint flags, string comment)
        : base(algorithm)
    {
        this.agent = agent;
        this.blob = blob;
        this.flags = flags;
        Comment = comment;
    }

    /// <summary>Gets the agent's comment for the key (often the file it was added from).</summary>
    public string Comment { get; }

    /// <inheritdoc/>
    public override byte[] Data => blob;

    /// <inheritdoc/>
    public IReadOnlyCollection<HostAlgorithm> HostKeyAlgorithms => [this];

    /// <summary>Returns one source per key the agent holds; an ssh-rsa key signs with rsa-sha2-256 (OpenSSH servers refuse SHA-1 signatures).</summary>
    public static IReadOnlyList<AgentKey> List(AgentClient agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return [.. agent.ListKeys().Select(key =>
        {
            var type = Encoding.ASCII.GetString(new SshReader(key.Blob).Bytes().Span);
            return type == "ssh-rsa"
                ? new AgentKey(agent, key.Blob, "rsa-sha2-256", AgentClient.RsaSha256, key.Comment)
                : new AgentKey(agent, key.Blob, type, 0, key.Comment);
        })];
    }

    /// <inheritdoc/>
    public override byte[] Sign(byte[] data) => agent.Sign(blob, data, flags);

    /// <inheritdoc/>
    public override bool VerifySignature(byte[] data, byte[] signature) =>
        throw new NotSupportedException("An agent key only signs; SSH.NET verifies host keys, not client keys.");
}
