using System.Text;
using Microsoft.Win32.SafeHandles;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>
/// Looks at the raw tar headers ahead of <see cref="System.Formats.Tar.TarReader"/>: TarReader reads a PAX or GNU long-name
/// header's whole claimed size into memory (up to 2 GiB) and throws on sizes past that or on GNU sparse members; a guest
/// controls those bytes, so they are refused here, naming the header, before TarReader sees them.
/// </summary>
internal static class TarHeaderGuard
{
    /// <summary>The most bytes a PAX extended header or a GNU long name/link header may claim.</summary>
    public const int MaxMetadataBytes = 1024 * 1024;

    private const int Record = 512;
    private const int MaxChain = 16;

    /// <summary>Checks the header chain (metadata headers, then the entry's own header) that starts at <paramref name="offset"/>.</summary>
    /// <exception cref="OutputRefusedException">A metadata header claims more than <see cref="MaxMetadataBytes"/>, or the entry is a sparse file.</exception>
    public static void Check(SafeFileHandle image, long offset)
    {
        var header = new byte[Record];
        for (var chain = 0; chain <= MaxChain; chain++)
        {
            if (RandomAccess.Read(image, header, offset) < Record || !header.AsSpan().ContainsAnyExcept((byte)0))
            {
                return; // the end of the archive (or a short one): TarReader says what is wrong with it
            }

            var type = (char)header[156];
            var size = ParseSize(header.AsSpan(124, 12));
            switch (type)
            {
                case 'x' or 'g' or 'L' or 'K':
                    if (size is null or < 0 or > MaxMetadataBytes)
                    {
                        throw new OutputRefusedException(
                            NameOf(header), $"its {Describe(type)} header claims {size?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unreadable number of"} bytes (at most {MaxMetadataBytes} are read)");
                    }

                    offset += Record + ((size.Value + Record - 1) / Record * Record);
                    break;
                case 'S':
                    throw new OutputRefusedException(NameOf(header), "GNU sparse files are not allowed");
                default:
                    return;
            }
        }

        throw new OutputRefusedException(NameOf(header), $"more than {MaxChain} extended headers in a row");
    }

    /// <summary>Parses a tar numeric field: octal digits (NUL or space terminated) or GNU base-256; null when it is neither.</summary>
    internal static long? ParseSize(ReadOnlySpan<byte> field)
    {
        if ((field[0] & 0x80) != 0)
        {
            if ((field[0] & 0x40) != 0)
            {
                return -1; // a negative base-256 number
            }

            long value = field[0] & 0x3F;
            foreach (var b in field[1..])
            {
                if (value > (long.MaxValue >> 8))
                {
                    return long.MaxValue;
                }

                value = (value << 8) | b;
            }

            return value;
        }

        long octal = 0;
        var digits = 0;
        foreach (var b in field)
        {
            if (b is (byte)' ' or 0)
            {
                if (digits > 0)
                {
                    break;
                }

                continue;
            }

            if (b is < (byte)'0' or > (byte)'7' || octal > (long.MaxValue >> 3))
            {
                return null;
            }

            octal = (octal << 3) | (long)(b - '0');
            digits++;
        }

        return octal;
    }

    private static string Describe(char type) => type switch
    {
        'x' => "PAX extended",
        'g' => "PAX global",
        'L' => "GNU long-name",
        _ => "GNU long-link",
    };

    private static string NameOf(byte[] header)
    {
        static string Field(ReadOnlySpan<byte> span)
        {
            var end = span.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? span : span[..end]);
        }

        var name = Field(header.AsSpan(0, 100));
        var prefix = header.AsSpan(257, 6).SequenceEqual("ustar\0"u8) ? Field(header.AsSpan(345, 155)) : string.Empty;
        return prefix.Length > 0 ? prefix + "/" + name : name;
    }
}
