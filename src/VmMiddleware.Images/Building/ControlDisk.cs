using System.Globalization;
using System.Text;

namespace VmMiddleware.Images.Building;

/// <summary>The builder VM's vmgrid-control disk: one 512-byte sector the host writes "GO N" into and the guest polls with O_DIRECT.</summary>
internal static class ControlDisk
{
    /// <summary>The disk's size in bytes (one 4 KiB page, so O_DIRECT reads of sector 0 always work).</summary>
    public const int SizeBytes = 4096;

    /// <summary>The virtio serial the builder job finds the disk by.</summary>
    public const string Serial = "vmgrid-control";

    /// <summary>Creates the zeroed control disk at <paramref name="path"/>.</summary>
    public static void Create(string path)
    {
        using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
        stream.SetLength(SizeBytes);
    }

    /// <summary>Tells the guest it may go on after action <paramref name="number"/>: writes "GO N" into sector 0 and flushes it.</summary>
    public static void Go(string path, int number)
    {
        var sector = new byte[512];
        Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"GO {number}\n")).CopyTo(sector, 0);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Write, FileShare.ReadWrite);
        stream.Write(sector);
        stream.Flush(flushToDisk: true);
    }
}
