using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace VmMiddleware.Remote.Authentication;

/// <summary>A minimal ssh-agent client over its UNIX socket (draft-miller-ssh-agent): list the keys, sign with one.</summary>
/// <param name="socketPath">The agent's socket (the CLI reads it from SSH_AUTH_SOCK).</param>
internal sealed class AgentClient(string socketPath)
{
    private const byte Failure = 5;
    private const byte RequestIdentities = 11;
    private const byte IdentitiesAnswer = 12;
    private const byte SignRequest = 13;
    private const byte SignResponse = 14;
    private const int MaxMessage = 256 * 1024;

    /// <summary>SSH_AGENT_RSA_SHA2_256: sign an ssh-rsa key with rsa-sha2-256.</summary>
    public const uint RsaSha256 = 2;

    /// <summary>Returns the public key blobs and comments the agent holds.</summary>
    /// <exception cref="IOException">The agent cannot be reached or answers something else.</exception>
    public IReadOnlyList<(byte[] Blob, string Comment)> ListKeys()
    {
        var reply = Exchange([RequestIdentities]);
        if (reply.Length == 0 || reply[0] != IdentitiesAnswer)
        {
            throw new IOException($"the ssh-agent at {socketPath} did not list its keys");
        }

        var reader = new SshReader(reply.AsMemory(1));
        var count = reader.UInt32();
        var keys = new List<(byte[], string)>();
        for (var i = 0; i < count; i++)
        {
            keys.Add((reader.Bytes().ToArray(), Encoding.UTF8.GetString(reader.Bytes().Span)));
        }

        return keys;
    }

    /// <summary>Asks the agent to sign <paramref name="data"/> with the key <paramref name="blob"/> and returns the SSH signature blob (algorithm name and signature).</summary>
    /// <exception cref="IOException">The agent refused or cannot be reached.</exception>
    public byte[] Sign(byte[] blob, byte[] data, uint flags)
    {
        using var request = new MemoryStream();
        request.WriteByte(SignRequest);
        SshWriter.Bytes(request, blob);
        SshWriter.Bytes(request, data);
        SshWriter.UInt32(request, flags);
        var reply = Exchange(request.ToArray());
        if (reply.Length == 0 || reply[0] == Failure || reply[0] != SignResponse)
        {
            throw new IOException($"the ssh-agent at {socketPath} refused to sign");
        }

        return new SshReader(reply.AsMemory(1)).Bytes().ToArray();
    }

    private byte[] Exchange(byte[] message)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            socket.Connect(new UnixDomainSocketEndPoint(socketPath));
        }
        catch (SocketException e)
        {
            throw new IOException($"cannot reach the ssh-agent at {socketPath}: {e.Message}", e);
        }

        using var stream = new NetworkStream(socket, ownsSocket: false);
        var length = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)message.Length);
        stream.Write(length);
        stream.Write(message);
        stream.ReadExactly(length);
        var size = BinaryPrimitives.ReadUInt32BigEndian(length);
        if (size > MaxMessage)
        {
            throw new IOException($"the ssh-agent at {socketPath} sent a {size}-byte message; at most {MaxMessage} expected");
        }

        var reply = new byte[size];
        stream.ReadExactly(reply);
        return reply;
    }
}
