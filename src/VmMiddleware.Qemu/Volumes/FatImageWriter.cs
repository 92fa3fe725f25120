using System.Buffers.Binary;
using System.Text;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>
/// Writes a small FAT12 image in-process (what mkfs.vfat -C plus mcopy did, without two helper processes and without
/// needing dosfstools or mtools on the execute host): one boot sector, two FATs, a 512-entry root directory holding the volume
/// label and the files (each with a VFAT long name and an 8.3 alias), then the files' clusters, contiguous. All timestamps are
/// fixed (2023-11-14, SOURCE_DATE_EPOCH 1700000000), so the same files give the same bytes.
/// </summary>
internal static class FatImageWriter
{
    private const int SectorSize = 512;
    private const int RootEntries = 512;
    private const int RootSectors = RootEntries * 32 / SectorSize;
    private const int MaxFat12Clusters = 4084;
    private const ushort FixedDate = ((2023 - 1980) << 9) | (11 << 5) | 14;
    private const ushort FixedTime = (22 << 11) | (13 << 5) | (20 / 2);

    /// <summary>Writes the image to <paramref name="imagePath"/>: at least <paramref name="minimumBytes"/> long, labelled <paramref name="label"/>, holding <paramref name="files"/> in its root directory.</summary>
    public static void Write(string imagePath, string label, IReadOnlyList<(string Name, byte[] Content)> files, long minimumBytes = 1024 * 1024)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count > 100)
        {
            throw new ArgumentException("A seed image holds at most 100 files.", nameof(files));
        }

        var (totalSectors, sectorsPerCluster, fatSectors) = Geometry(files, minimumBytes);
        var image = new byte[(long)totalSectors * SectorSize];
        WriteBootSector(image, label, totalSectors, sectorsPerCluster, fatSectors);
        var fat = new byte[fatSectors * SectorSize];
        SetFat(fat, 0, 0xFF8);
        SetFat(fat, 1, 0xFFF);
        var root = image.AsSpan(SectorSize + (2 * fatSectors * SectorSize), RootSectors * SectorSize);
        var dataStart = SectorSize + (2 * fatSectors * SectorSize) + (RootSectors * SectorSize);
        var clusterBytes = sectorsPerCluster * SectorSize;
        var entry = 0;
        WriteShortEntry(root, entry++, Encoding.ASCII.GetBytes(label.ToUpperInvariant().PadRight(11)[..11]), 0x08, 0, 0);
        var cluster = 2;
        var alias = 1;
        foreach (var (name, content) in files)
        {
            var first = content.Length == 0 ? 0 : cluster;
            var count = (content.Length + clusterBytes - 1) / clusterBytes;
            for (var i = 0; i < count; i++)
            {
                SetFat(fat, cluster + i, i == count - 1 ? 0xFFF : cluster + i + 1);
            }

            content.CopyTo(image, dataStart + ((long)(cluster - 2) * clusterBytes));
            cluster += count;
            var shortName = ShortName(name, ref alias);
            entry = WriteLongName(root, entry, name, Checksum(shortName));
            WriteShortEntry(root, entry++, shortName, 0x20, first, content.Length);
        }

        for (var copy = 0; copy < 2; copy++)
        {
            fat.CopyTo(image, SectorSize + (copy * fatSectors * SectorSize));
        }

        using var stream = new FileStream(imagePath, FileMode.Create, FileAccess.Write, FileShare.None, 1);
        stream.Write(image);
    }

    private static (int TotalSectors, int SectorsPerCluster, int FatSectors) Geometry(IReadOnlyList<(string Name, byte[] Content)> files, long minimumBytes)
    {
        for (var sectorsPerCluster = 1; sectorsPerCluster <= 64; sectorsPerCluster *= 2)
        {
            var clusterBytes = sectorsPerCluster * SectorSize;
            var needed = files.Sum(f => (f.Content.Length + clusterBytes - 1) / clusterBytes);
            var total = (int)Math.Max(minimumBytes / SectorSize, 1 + 2 + RootSectors + ((long)(needed + 1) * sectorsPerCluster));
            for (var fatSectors = 1; fatSectors < 64; fatSectors++)
            {
                var clusters = (total - 1 - (2 * fatSectors) - RootSectors) / sectorsPerCluster;
                if (((clusters + 2) * 3 / 2) + 1 > fatSectors * SectorSize)
                {
                    continue; // this FAT cannot map every cluster: give it another sector
                }

                if (clusters < needed)
                {
                    total += (2 * fatSectors) + sectorsPerCluster; // the FATs ate the room: grow the image
                    fatSectors = 0;
                    continue;
                }

                if (clusters <= MaxFat12Clusters)
                {
                    return (total, sectorsPerCluster, fatSectors);
                }

                break;
            }
        }

        throw new ArgumentException("The files are too large for a FAT12 seed image (at most about 128 MiB).", nameof(files));
    }

    private static void WriteBootSector(byte[] image, string label, int totalSectors, int sectorsPerCluster, int fatSectors)
    {
        var boot = image.AsSpan(0, SectorSize);
        boot[0] = 0xEB;
        boot[1] = 0x3C;
        boot[2] = 0x90;
        "mkfs.fat"u8.CopyTo(boot[3..]);
        BinaryPrimitives.WriteUInt16LittleEndian(boot[11..], SectorSize);
        boot[13] = (byte)sectorsPerCluster;
        BinaryPrimitives.WriteUInt16LittleEndian(boot[14..], 1);
        boot[16] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(boot[17..], RootEntries);
        if (totalSectors <= ushort.MaxValue)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(boot[19..], (ushort)totalSectors);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(boot[32..], (uint)totalSectors);
        }

        boot[21] = 0xF8;
        BinaryPrimitives.WriteUInt16LittleEndian(boot[22..], (ushort)fatSectors);
        BinaryPrimitives.WriteUInt16LittleEndian(boot[24..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(boot[26..], 64);
        boot[36] = 0x80;
        boot[38] = 0x29;
        BinaryPrimitives.WriteUInt32LittleEndian(boot[39..], 0x1700_0000);
        Encoding.ASCII.GetBytes(label.ToUpperInvariant().PadRight(11)[..11]).CopyTo(boot[43..]);
        "FAT12   "u8.CopyTo(boot[54..]);
        boot[510] = 0x55;
        boot[511] = 0xAA;
    }

    private static void SetFat(byte[] fat, int cluster, int value)
    {
        var offset = cluster * 3 / 2;
        if ((cluster & 1) == 0)
        {
            fat[offset] = (byte)value;
            fat[offset + 1] = (byte)((fat[offset + 1] & 0xF0) | ((value >> 8) & 0x0F));
        }
        else
        {
            fat[offset] = (byte)((fat[offset] & 0x0F) | ((value << 4) & 0xF0));
            fat[offset + 1] = (byte)(value >> 4);
        }
    }

    /// <summary>An 8.3 alias: the name itself when it already is one, else the first six valid characters and ~N.</summary>
    private static byte[] ShortName(string name, ref int alias)
    {
        var upper = name.ToUpperInvariant();
        var dot = upper.LastIndexOf('.');
        var stem = dot > 0 ? upper[..dot] : upper;
        var extension = dot > 0 ? upper[(dot + 1)..] : string.Empty;
        static string Clean(string text) => new(text.Where(c => char.IsAsciiLetterOrDigit(c) || "$%'-_@~`!(){}^#&".Contains(c)).ToArray());
        if (upper == name && stem.Length is > 0 and <= 8 && extension.Length <= 3 && Clean(stem) == stem && Clean(extension) == extension)
        {
            return Encoding.ASCII.GetBytes(stem.PadRight(8) + extension.PadRight(3));
        }

        var tail = "~" + alias++.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var head = Clean(stem);
        head = head[..Math.Min(head.Length, 8 - tail.Length)];
        var ext = Clean(extension);
        return Encoding.ASCII.GetBytes((head + tail).PadRight(8) + ext[..Math.Min(ext.Length, 3)].PadRight(3));
    }

    private static byte Checksum(byte[] shortName)
    {
        byte sum = 0;
        foreach (var c in shortName)
        {
            sum = (byte)(((sum & 1) << 7) + (sum >> 1) + c);
        }

        return sum;
    }

    /// <summary>Writes the VFAT long-name entries (last part first) before the 8.3 entry; returns the next free entry.</summary>
    private static int WriteLongName(Span<byte> root, int entry, string name, byte checksum)
    {
        var parts = (name.Length + 12) / 13;
        for (var part = parts; part >= 1; part--)
        {
            var e = root.Slice(entry++ * 32, 32);
            e[0] = (byte)(part | (part == parts ? 0x40 : 0));
            e[11] = 0x0F;
            e[13] = checksum;
            ReadOnlySpan<int> offsets = [1, 3, 5, 7, 9, 14, 16, 18, 20, 22, 24, 28, 30];
            for (var i = 0; i < 13; i++)
            {
                var index = ((part - 1) * 13) + i;
                var c = index < name.Length ? name[index] : index == name.Length ? '\0' : '\uFFFF';
                BinaryPrimitives.WriteUInt16LittleEndian(e[offsets[i]..], c);
            }
        }

        return entry;
    }

    private static void WriteShortEntry(Span<byte> root, int entry, byte[] name, byte attributes, int firstCluster, int size)
    {
        var e = root.Slice(entry * 32, 32);
        name.CopyTo(e);
        e[11] = attributes;
        BinaryPrimitives.WriteUInt16LittleEndian(e[14..], FixedTime);
        BinaryPrimitives.WriteUInt16LittleEndian(e[16..], FixedDate);
        BinaryPrimitives.WriteUInt16LittleEndian(e[18..], FixedDate);
        BinaryPrimitives.WriteUInt16LittleEndian(e[22..], FixedTime);
        BinaryPrimitives.WriteUInt16LittleEndian(e[24..], FixedDate);
        BinaryPrimitives.WriteUInt16LittleEndian(e[26..], (ushort)firstCluster);
        BinaryPrimitives.WriteUInt32LittleEndian(e[28..], (uint)size);
    }
}
