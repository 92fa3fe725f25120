using System.Formats.Tar;
using System.Security.Cryptography;
using System.Text;

namespace VmMiddleware.Integration.Tests.Support;

/// <summary>
/// The disks of one work unit for the reference guest in wait mode (kernel argument vmgrid.wait=1):
/// the job on a raw disk with serial vmgrid-seedwait (sector 0: "VMGRIDJOB1 LENGTH SHA256", the
/// script from sector 1), the input as a raw tar (serial vmgrid-input) and a zeroed output disk
/// (serial vmgrid-output) onto which the job script writes a tar.
/// </summary>
internal static class GuestJobDisks
{
    public static void Write(string dir, string jobScript, IReadOnlyDictionary<string, string> inputs)
    {
        var job = Encoding.UTF8.GetBytes(jobScript);
        var header = Encoding.ASCII.GetBytes($"VMGRIDJOB1 {job.Length} {Convert.ToHexStringLower(SHA256.HashData(job))}");
        var seed = new byte[512 + RoundUp(job.Length, 512)];
        header.CopyTo(seed, 0);
        job.CopyTo(seed, 512);
        File.WriteAllBytes(Path.Combine(dir, "seed.img"), seed);

        using (var input = new MemoryStream())
        {
            using (var tar = new TarWriter(input, TarEntryFormat.Ustar, leaveOpen: true))
            {
                foreach (var (name, text) in inputs)
                {
                    tar.WriteEntry(new UstarTarEntry(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) });
                }
            }

            input.SetLength(RoundUp((int)input.Length, 1 << 20));
            File.WriteAllBytes(Path.Combine(dir, "in.tar"), input.ToArray());
        }

        File.WriteAllBytes(Path.Combine(dir, "out.img"), new byte[4 << 20]);
    }

    /// <summary>Reads the tar the job wrote onto the output disk.</summary>
    public static Dictionary<string, string> ReadOutputs(string outImage)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        using var stream = File.OpenRead(outImage);
        using var reader = new TarReader(stream);
        while (reader.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is not null)
            {
                using var text = new StreamReader(entry.DataStream);
                result[entry.Name.StartsWith("./", StringComparison.Ordinal) ? entry.Name[2..] : entry.Name] = text.ReadToEnd();
            }
        }

        return result;
    }

    /// <summary>The QEMU arguments that attach the three disks from a directory seen as <paramref name="dir"/> by QEMU.</summary>
    public static IEnumerable<string> DriveArguments(string dir) =>
    [
        "-drive", $"file={dir}/seed.img,format=raw,if=none,id=seed,readonly=on", "-device", "virtio-blk-pci,drive=seed,serial=vmgrid-seedwait",
        "-drive", $"file={dir}/in.tar,format=raw,if=none,id=in,readonly=on", "-device", "virtio-blk-pci,drive=in,serial=vmgrid-input",
        "-drive", $"file={dir}/out.img,format=raw,if=none,id=out", "-device", "virtio-blk-pci,drive=out,serial=vmgrid-output",
    ];

    private static int RoundUp(int value, int unit) => (value + unit - 1) / unit * unit;
}
