using System.Buffers.Binary;
using System.Text;

namespace VmMiddleware.Qemu.Storage;

/// <summary>
/// What the first bytes of an image file say, read in-process (no qemu-img): the format QEMU would probe,
/// the virtual size (raw and qcow2) and, for a qcow2 layer, its backing file and backing format.
/// </summary>
/// <param name="Format">The QEMU block format: qcow2, vmdk, vdi, vhdx, vpc or raw.</param>
/// <param name="VirtualSize">The disk size the guest sees in bytes, or null when this reader does not know it.</param>
/// <param name="BackingFile">The absolute path of a qcow2 layer's backing file, or null.</param>
/// <param name="BackingFormat">The backing file's format recorded in the qcow2 header, or null.</param>
internal sealed record ImageHeader(string Format, long? VirtualSize, string? BackingFile, string? BackingFormat)
{
    private const uint QcowMagic = 0x514649fb;
    private const uint BackingFormatExtension = 0xe2792aca;
    private const uint VdiSignature = 0xbeda107f;
    private const int ProbeBytes = 4096;

    /// <summary>Reads the header of the image at <paramref name="path"/>.</summary>
    public static ImageHeader Read(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1);
        var header = new byte[ProbeBytes];
        var length = stream.ReadAtLeast(header, ProbeBytes, throwOnEndOfStream: false);
        var span = header.AsSpan(0, length);
        if (length >= 32 && BinaryPrimitives.ReadUInt32BigEndian(span) == QcowMagic)
        {
            return ReadQcow2(stream, span, path);
        }

        var format = span.StartsWith("KDMV"u8) || span.StartsWith("# Disk DescriptorFile"u8) ? "vmdk"
            : span.StartsWith("vhdxfile"u8) ? "vhdx"
            : span.StartsWith("conectix"u8) ? "vpc"
            : length >= 0x44 && BinaryPrimitives.ReadUInt32LittleEndian(span[0x40..]) == VdiSignature ? "vdi"
            : "raw";
        return new ImageHeader(format, format == "raw" ? stream.Length : null, null, null);
    }

    private static ImageHeader ReadQcow2(FileStream stream, ReadOnlySpan<byte> header, string path)
    {
        var version = BinaryPrimitives.ReadUInt32BigEndian(header[4..]);
        var backingOffset = BinaryPrimitives.ReadInt64BigEndian(header[8..]);
        var backingLength = BinaryPrimitives.ReadInt32BigEndian(header[16..]);
        var size = BinaryPrimitives.ReadInt64BigEndian(header[24..]);
        string? backing = null;
        string? backingFormat = null;
        if (backingOffset > 0 && backingLength is > 0 and <= 1023)
        {
            var name = new byte[backingLength];
            stream.Position = backingOffset;
            stream.ReadExactly(name);
            var text = Encoding.UTF8.GetString(name);
            backing = Path.IsPathRooted(text) ? text : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path)) ?? "/", text));
            var extensions = version >= 3 && header.Length >= 104 ? (int)BinaryPrimitives.ReadUInt32BigEndian(header[100..]) : 72;
            backingFormat = FindBackingFormat(header, extensions);
        }

        return new ImageHeader("qcow2", size, backing, backingFormat);
    }

    private static string? FindBackingFormat(ReadOnlySpan<byte> header, int offset)
    {
        while (offset >= 0 && offset + 8 <= header.Length)
        {
            var type = BinaryPrimitives.ReadUInt32BigEndian(header[offset..]);
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(header[(offset + 4)..]);
            if (type == 0 || length < 0 || offset + 8 + length > header.Length)
            {
                return null;
            }

            if (type == BackingFormatExtension)
            {
                return Encoding.ASCII.GetString(header.Slice(offset + 8, length)).TrimEnd('\0');
            }

            offset += 8 + ((length + 7) & ~7);
        }

        return null;
    }
}
