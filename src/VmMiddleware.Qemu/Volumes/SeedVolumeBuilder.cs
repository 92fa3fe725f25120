using System.Text;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>Builds the cloud-init NoCloud seed: a FAT image labelled CIDATA holding user-data and meta-data, written in-process (no mkfs.vfat, no mcopy, no root).</summary>
internal static class SeedVolumeBuilder
{
    public const string Label = "CIDATA";

    /// <summary>Writes the seed image (1 MiB, or larger when the job script needs it).</summary>
    public static void Build(string imagePath, string userData, string metaData)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        var utf8 = new UTF8Encoding(false);
        FatImageWriter.Write(imagePath, Label, [("user-data", utf8.GetBytes(userData)), ("meta-data", utf8.GetBytes(metaData))]);
    }
}
