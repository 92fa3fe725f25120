using System.Text;

namespace VmMiddleware.Qemu.Tests.Volumes;

/// <summary>Writes tar bytes by hand, header field by header field, so a test can say what a hostile guest would: any type, any size claim.</summary>
public sealed class CraftedTar
{
    private readonly List<byte> _bytes = [];
    private bool _cut;

    public CraftedTar File(string name, string content) => Entry(name, '0', Encoding.UTF8.GetBytes(content));

    /// <summary>A regular file whose name is given the GNU way (a ././@LongLink header) when it does not fit the 100-byte field.</summary>
    public CraftedTar LongFile(string name, string content)
    {
        Entry("././@LongLink", 'L', Encoding.UTF8.GetBytes(name + "\0"));
        return Entry(name[..99], '0', Encoding.UTF8.GetBytes(content));
    }

    public CraftedTar Pax(string name, params (string Key, string Value)[] records)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in records)
        {
            var body = $" {key}={value}\n";
            var length = body.Length + 1;
            while ((length.ToString(System.Globalization.CultureInfo.InvariantCulture) + body).Length != length)
            {
                length++;
            }

            text.Append(length).Append(body);
        }

        return Entry(name, 'x', Encoding.UTF8.GetBytes(text.ToString()));
    }

    public CraftedTar Entry(string name, char type, byte[] data, string linkName = "") =>
        Header(name, type, OctalSize(data.Length), linkName).Data(data);

    /// <summary>A header that claims <paramref name="claimedSize"/> bytes of data, followed by none.</summary>
    public CraftedTar Claim(string name, char type, long claimedSize) => Header(name, type, OctalSize(claimedSize), string.Empty);

    /// <summary>A header whose size field is GNU base-256 (for sizes past the 11 octal digits).</summary>
    public CraftedTar ClaimBase256(string name, char type, long claimedSize)
    {
        var field = new byte[12];
        field[0] = 0x80;
        for (var i = 11; i > 0; i--)
        {
            field[i] = (byte)(claimedSize & 0xFF);
            claimedSize >>= 8;
        }

        return Header(name, type, field, string.Empty);
    }

    public CraftedTar Garbage(int length)
    {
        Append(Enumerable.Range(0, length).Select(i => (byte)((i * 7) + 1)).ToArray());
        return this;
    }

    /// <summary>Ends the disk right here: whatever is added later, and the zeros of the rest of a disk, are left out.</summary>
    public CraftedTar Cut()
    {
        _cut = true;
        return this;
    }

    /// <summary>Writes the archive (then zeros like the rest of a raw disk, unless cut) to <paramref name="path"/>.</summary>
    public void WriteTo(string path)
    {
        using var file = new FileStream(path, FileMode.Create);
        file.Write([.. _bytes]);
        if (!_cut)
        {
            file.SetLength(file.Length + (64 * 1024));
        }
    }

    private static byte[] OctalSize(long size) => Encoding.ASCII.GetBytes(Convert.ToString(size, 8).PadLeft(11, '0') + "\0");

    private CraftedTar Header(string name, char type, byte[] sizeField, string linkName)
    {
        var h = new byte[512];
        Encoding.UTF8.GetBytes(name).AsSpan(0, Math.Min(100, Encoding.UTF8.GetByteCount(name))).CopyTo(h);
        Encoding.ASCII.GetBytes("0000644\0").CopyTo(h, 100);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 108);
        Encoding.ASCII.GetBytes("0000000\0").CopyTo(h, 116);
        sizeField.CopyTo(h, 124);
        Encoding.ASCII.GetBytes("00000000000\0").CopyTo(h, 136);
        h[156] = (byte)type;
        Encoding.UTF8.GetBytes(linkName).CopyTo(h, 157);
        Encoding.ASCII.GetBytes("ustar\0" + "00").CopyTo(h, 257);
        if (type is '3' or '4')
        {
            Encoding.ASCII.GetBytes("0000001\0").CopyTo(h, 329);
            Encoding.ASCII.GetBytes("0000003\0").CopyTo(h, 337);
        }

        h.AsSpan(148, 8).Fill((byte)' ');
        var sum = h.Sum(b => b);
        Encoding.ASCII.GetBytes(Convert.ToString(sum, 8).PadLeft(6, '0') + "\0 ").CopyTo(h, 148);
        Append(h);
        return this;
    }

    private void Append(byte[] bytes)
    {
        if (!_cut)
        {
            _bytes.AddRange(bytes);
        }
    }

    private CraftedTar Data(byte[] data)
    {
        Append(data);
        Append(new byte[((data.Length + 511) / 512 * 512) - data.Length]);
        return this;
    }
}
