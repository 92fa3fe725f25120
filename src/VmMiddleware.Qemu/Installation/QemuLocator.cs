using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Qemu.Installation;

/// <summary>
/// Finds the QEMU to run, in one order for every verb: the bundle the user named or configured, else the configured binary,
/// else the bundle a job shipped beside its work unit, else qemu-system-x86_64 in the search path.
/// </summary>
public static class QemuLocator
{
    /// <summary>Returns the QEMU to run.</summary>
    /// <param name="options">What the edge was told.</param>
    /// <param name="jobDirectory">The directory holding the work unit, where a job ships its <see cref="JobDirectory.BundleFileName"/>; null when there is no job.</param>
    /// <param name="workDirectory">Where a shipped bundle is unpacked; needed with <paramref name="jobDirectory"/>.</param>
    /// <exception cref="QemuNotFoundException">There is no usable QEMU; the message says where it was looked for.</exception>
    public static QemuInstallation Locate(QemuLocatorOptions options, string? jobDirectory = null, string? workDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.BundleDirectory is { } bundle)
        {
            try
            {
                return QemuBundle.Open(bundle);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new QemuNotFoundException($"{options.BundleSource} {bundle}: {e.Message}", e);
            }
        }

        if (options.Binary is { } binary)
        {
            return File.Exists(binary)
                ? new QemuInstallation(Path.GetFullPath(binary), null, null, null, null)
                : throw new QemuNotFoundException($"{options.BinarySource} names {binary}, which does not exist.");
        }

        if (jobDirectory is not null)
        {
            try
            {
                if (JobDirectory.ShippedQemu(jobDirectory, workDirectory ?? jobDirectory) is { } shipped)
                {
                    return shipped;
                }
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                throw new QemuNotFoundException(e.Message, e);
            }
        }

        return ProgramSearch.Find(QemuInstallation.EmulatorName, options.SearchPath) is { } found
            ? new QemuInstallation(found, null, null, null, null)
            : throw new QemuNotFoundException($"{QemuInstallation.EmulatorName} is not installed (not on PATH); install qemu-system-x86 or use a QEMU bundle.");
    }
}
