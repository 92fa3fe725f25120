using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>Writes a job onto the wait-mode seed disk (serial vmgrid-seedwait): sector 0 holds "VMGRIDJOB1 LENGTH SHA256 EPOCH" padded with NULs (EPOCH: the host's clock, which the restored guest takes), the script starts at sector 1.</summary>
internal static class WaitSeedWriter
{
    public const int SectorSize = 512;
    public const string Magic = "VMGRIDJOB1";

    public static void Write(string imagePath, string script, long diskSize)
    {
        var body = Encoding.UTF8.GetBytes(script);
        if (SectorSize + body.Length > diskSize)
        {
            throw new IOException($"The job script has {body.Length} bytes, more than the {diskSize - SectorSize} bytes the wait-mode seed disk holds.");
        }

        var header = new byte[SectorSize];
        var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var text = string.Create(CultureInfo.InvariantCulture, $"{Magic} {body.Length} {Convert.ToHexStringLower(SHA256.HashData(body))} {epoch}\n");
        Encoding.ASCII.GetBytes(text, header);
        using var stream = new FileStream(imagePath, FileMode.Create, FileAccess.Write);
        stream.Write(header);
        stream.Write(body);
        stream.SetLength(diskSize);
    }
}
