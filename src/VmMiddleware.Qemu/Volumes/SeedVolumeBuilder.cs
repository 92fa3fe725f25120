using System.Diagnostics;
using System.Text;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Processes;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>Builds the cloud-init NoCloud seed: a FAT image labelled CIDATA holding user-data and meta-data, made with mkfs.vfat and mcopy (no root, no mount).</summary>
internal static class SeedVolumeBuilder
{
    public const string Label = "CIDATA";

    public static async Task BuildAsync(string imagePath, string userData, string metaData, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        var staging = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(imagePath))!, ".seed-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        try
        {
            var userFile = Path.Combine(staging, "user-data");
            var metaFile = Path.Combine(staging, "meta-data");
            await File.WriteAllTextAsync(userFile, userData, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(metaFile, metaData, new UTF8Encoding(false), cancellationToken).ConfigureAwait(false);

            // FAT12 needs some room beyond the files; 1 MiB holds any ordinary job script.
            var contentKiB = (Encoding.UTF8.GetByteCount(userData) + Encoding.UTF8.GetByteCount(metaData)) / 1024;
            var sizeKiB = Math.Max(1024, (contentKiB * 2) + 512);
            File.Delete(imagePath);
            await ToolRunner.RunAsync(Tool("mkfs.vfat", "-C", "-n", Label, imagePath, sizeKiB.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken)
                .ConfigureAwait(false);
            var copy = Tool("mcopy", "-i", imagePath, userFile, metaFile, "::/");
            copy.Environment["MTOOLS_SKIP_CHECK"] = "1";
            await ToolRunner.RunAsync(copy, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static ProcessStartInfo Tool(string name, params string[] arguments)
    {
        var program = QemuInstallation.FindOnPath(name)
            ?? throw new ToolFailedException($"{name} is not installed; the seed volume needs {(name == "mcopy" ? "mtools" : "dosfstools")}.");
        var info = new ProcessStartInfo(program);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }
}
