using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Qemu.Installation;

/// <summary>What a shipped job brings beside its work unit: the QEMU bundle and the reference guest archive, unpacked into the work directory on first use.</summary>
/// <remarks>Translators ship <see cref="BundleFileName"/> and <see cref="GuestFileName"/> next to the work unit (a flat
/// job directory, since GRAM cannot create directories when staging). They unpack to .vmgrid-qemu/ and .vmgrid-guest/
/// under the work directory; a later run (a restart after an eviction checkpoint) reuses them.</remarks>
public static class JobDirectory
{
    /// <summary>The QEMU bundle's file name in a job directory.</summary>
    public const string BundleFileName = "qemu-bundle.tar.gz";

    /// <summary>The reference guest archive's file name in a job directory.</summary>
    public const string GuestFileName = "reference-guest.tar.gz";

    /// <summary>Returns the shipped QEMU in <paramref name="jobDirectory"/>, unpacked under <paramref name="workDirectory"/>, or null when none was shipped.</summary>
    public static QemuInstallation? ShippedQemu(string jobDirectory, string workDirectory)
    {
        var archive = Path.Combine(jobDirectory, BundleFileName);
        if (!File.Exists(archive))
        {
            return null;
        }

        var target = Path.Combine(workDirectory, ".vmgrid-qemu");
        return Directory.Exists(target) ? QemuBundle.Open(target) : QemuBundle.Extract(archive, target);
    }

    /// <summary>Returns the shipped reference guest in <paramref name="jobDirectory"/>, unpacked under <paramref name="workDirectory"/>, or null when none was shipped.</summary>
    public static GuestKernel? ShippedGuest(string jobDirectory, string workDirectory)
    {
        var archive = Path.Combine(jobDirectory, GuestFileName);
        return File.Exists(archive) ? GuestArchive.Extract(archive, Path.Combine(workDirectory, ".vmgrid-guest")) : null;
    }

    /// <summary>Creates out/ and checkpoint/ in <paramref name="workDirectory"/> when missing, so a batch system that transfers them back never misses them.</summary>
    public static void EnsureTransferredDirectories(string workDirectory)
    {
        Directory.CreateDirectory(Path.Combine(workDirectory, "out"));
        Directory.CreateDirectory(Path.Combine(workDirectory, "checkpoint"));
    }
}
