using System.Buffers.Binary;
using System.Text;

namespace VmMiddleware.Qemu.Tests.Storage;

/// <summary>Hand-made qcow2 version 3 headers (only what header readers look at), as qemu-img create lays them out.</summary>
internal static class Qcow2HeaderBytes
{
    public static byte[] Create(long virtualSize, string? backingFile = null, string? backingFormat = null)
    {
        var bytes = new byte[4096];
        var span = bytes.AsSpan();
        BinaryPrimitives.WriteUInt32BigEndian(span, 0x514649fb);
        BinaryPrimitives.WriteUInt32BigEndian(span[4..], 3);
        BinaryPrimitives.WriteUInt32BigEndian(span[20..], 16);
        BinaryPrimitives.WriteInt64BigEndian(span[24..], virtualSize);
        BinaryPrimitives.WriteUInt32BigEndian(span[100..], 112);
        var offset = 112;
        if (backingFormat is not null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(span[offset..], 0xe2792aca);
            BinaryPrimitives.WriteUInt32BigEndian(span[(offset + 4)..], (uint)backingFormat.Length);
            Encoding.ASCII.GetBytes(backingFormat).CopyTo(span[(offset + 8)..]);
            offset += 8 + ((backingFormat.Length + 7) & ~7);
        }

        offset += 8; // end-of-extensions marker (type 0, length 0)
        if (backingFile is not null)
        {
            var name = Encoding.UTF8.GetBytes(backingFile);
            BinaryPrimitives.WriteInt64BigEndian(span[8..], offset);
            BinaryPrimitives.WriteInt32BigEndian(span[16..], name.Length);
            name.CopyTo(span[offset..]);
        }

        return bytes;
    }
}
