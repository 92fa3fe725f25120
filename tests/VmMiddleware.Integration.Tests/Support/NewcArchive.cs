using System.Globalization;
using System.Text;

namespace VmMiddleware.Integration.Tests.Support;

/// <summary>Writes a cpio archive in the newc format the kernel unpacks as an initramfs (appended to another, its files win).</summary>
internal static class NewcArchive
{
    /// <summary>Returns the archive of <paramref name="files"/> (name to content, mode 0755 regular files) with its trailer.</summary>
    public static byte[] Write(IReadOnlyDictionary<string, string> files)
    {
        using var output = new MemoryStream();
        var inode = 700_000;
        foreach (var (name, content) in files)
        {
            Entry(output, name, Encoding.UTF8.GetBytes(content), 0x81ED, inode++);
        }

        Entry(output, "TRAILER!!!", [], 0, 0);
        return output.ToArray();
    }

    private static void Entry(MemoryStream output, string name, byte[] data, int mode, int inode)
    {
        var nameBytes = Encoding.ASCII.GetBytes(name + "\0");
        int[] fields = [inode, mode, 0, 0, 1, 1_700_000_000, data.Length, 0, 0, 0, 0, nameBytes.Length, 0];
        var header = "070701" + string.Concat(fields.Select(f => f.ToString("X8", CultureInfo.InvariantCulture)));
        output.Write(Encoding.ASCII.GetBytes(header));
        output.Write(nameBytes);
        Pad(output);
        output.Write(data);
        Pad(output);
    }

    private static void Pad(MemoryStream output)
    {
        while (output.Length % 4 != 0)
        {
            output.WriteByte(0);
        }
    }
}
