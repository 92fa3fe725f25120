using System.Buffers.Binary;

namespace VmMiddleware.Remote.Authentication;

/// <summary>Writes the SSH wire encoding (RFC 4251: uint32, string).</summary>
internal static class SshWriter
{
    /// <summary>Writes a big-endian uint32.</summary>
    public static void UInt32(Stream stream, uint value)
    {
        Span<byte> bytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
        stream.Write(bytes);
    }

    /// <summary>Writes a length-prefixed string.</summary>
    public static void Bytes(Stream stream, ReadOnlySpan<byte> value)
    {
        UInt32(stream, (uint)value.Length);
        stream.Write(value);
    }
}
