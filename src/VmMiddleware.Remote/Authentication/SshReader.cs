using System.Buffers.Binary;

namespace VmMiddleware.Remote.Authentication;

/// <summary>Reads the SSH wire encoding (RFC 4251: uint32, string) from a buffer.</summary>
internal struct SshReader(ReadOnlyMemory<byte> buffer)
{
    private ReadOnlyMemory<byte> rest = buffer;

    /// <summary>Reads a big-endian uint32.</summary>
    public uint UInt32()
    {
        if (rest.Length < 4)
        {
            throw new IOException("an SSH message ends inside a number");
        }

        var value = BinaryPrimitives.ReadUInt32BigEndian(rest.Span);
        rest = rest[4..];
        return value;
    }

    /// <summary>Reads a length-prefixed string as bytes.</summary>
    public ReadOnlyMemory<byte> Bytes()
    {
        var length = UInt32();
        if (length > rest.Length)
        {
            throw new IOException("an SSH message ends inside a string");
        }

        var value = rest[..(int)length];
        rest = rest[(int)length..];
        return value;
    }
}
