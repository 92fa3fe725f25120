using System.Globalization;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Staging;

/// <summary>The flat job directory every translator ships: which name each file gets on the execute host, and the work unit as the launcher reads it there.</summary>
/// <remarks>
/// The job directory holds the launcher, the work unit (<c>workunit.xml</c>), the QEMU bundle, the reference guest, the
/// image as <c>image-NAME</c> (a vmimage:// image keeps the last segment of its URL, the name a file-transfer plugin
/// gives it; a work unit whose disks come back, or one without a command, keeps every disk's own name NAME, under which
/// HTCondor returns it), further disks, a kernel and an initrd under their own names, input i (from 1) as
/// <c>input-i-NAME</c>, and files handed over from other jobs under their own file names.
/// The launcher writes <c>out/</c>, <c>checkpoint/</c>, <c>vm/</c> and <c>console.log</c> there. The execute-side work
/// unit names these files under <see cref="Root"/>; write it with WorkUnitWriter relative to that root, so its paths are
/// relative to the directory it is read from.
/// </remarks>
public static class JobLayout
{
    /// <summary>The absolute root under which <see cref="ExecuteSide"/> places host paths.</summary>
    public const string Root = "/vmgrid-job";

    /// <summary>The job-directory names the launcher itself writes, which no shipped file may take.</summary>
    public static IReadOnlyList<string> LauncherNames { get; } = ["out", "checkpoint", "checkpoint.partial", "vm", "console.log", ".vmgrid-lock", ".vmgrid-qemu", ".vmgrid-guest"];

    /// <summary>Returns the job-directory name of a host-path image.</summary>
    public static string ImageName(ImageLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return location.Kind switch
        {
            ImageLocationKind.HostPath => "image-" + Path.GetFileName(location.Value),
            ImageLocationKind.Url => new Uri(location.Value).AbsolutePath.TrimEnd('/').Split('/')[^1],
            _ => throw new ArgumentException("A cache reference is not shipped; it has no job-directory name.", nameof(location)),
        };
    }

    /// <summary>Returns the job-directory name of <paramref name="workUnit"/>'s image: image-NAME when nothing comes back, else the disk's own name, under which HTCondor returns it.</summary>
    public static string ImageName(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var location = workUnit.Image.Location ?? throw new ArgumentException("The reference guest has no image file.", nameof(workUnit));
        return KeepsOwnNames(workUnit) ? DiskReturns.FileName(location) : ImageName(location);
    }

    /// <summary>Returns the files that make up a bootable-disk work unit's machine besides its image (further disks, kernel, initrd) with their job-directory names (their own names) and where they come from (a host path or a vmimage:// URL); cache references are not shipped.</summary>
    public static IReadOnlyList<(string Name, string Source)> MachineFiles(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var files = new List<(string Name, string Source)>();
        foreach (var disk in workUnit.Disks.Where(d => d.Location.Kind != ImageLocationKind.CacheReference))
        {
            files.Add((DiskReturns.FileName(disk.Location), disk.Location.Value));
        }

        foreach (var file in new[] { workUnit.Kernel?.Kernel, workUnit.Kernel?.Initrd }.OfType<string>())
        {
            files.Add((Path.GetFileName(file), file));
        }

        return files;
    }

    /// <summary>Returns whether the work unit's disks travel under their own names: when they come back (HTCondor returns files by name), and always for a work unit without a command (HTCondor's vm universe names its disks so).</summary>
    public static bool KeepsOwnNames(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        return workUnit.Command is null || workUnit.ReturnDisks != DiskReturn.None;
    }

    /// <summary>Returns the job-directory name of input <paramref name="index"/> (0-based).</summary>
    public static string InputName(InputItem input, int index)
    {
        ArgumentNullException.ThrowIfNull(input);
        return "input-" + (index + 1).ToString(CultureInfo.InvariantCulture) + "-" + Path.GetFileName(input.Target);
    }

    /// <summary>Returns the work unit as the launcher reads it in the job directory: image and inputs renamed under <see cref="Root"/>, hand-overs added as inputs.</summary>
    /// <param name="workUnit">The work unit as submitted.</param>
    /// <param name="shipUrlImage">Whether a vmimage:// image arrives as a file (HTCondor's plugin) rather than being fetched by the launcher.</param>
    /// <param name="handOvers">Files other jobs leave for this one, added as inputs after the work unit's own.</param>
    public static WorkUnit ExecuteSide(WorkUnit workUnit, bool shipUrlImage, IEnumerable<HandOver>? handOvers = null)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        bool Shipped(ImageLocation location) => location.Kind == ImageLocationKind.HostPath || (location.Kind == ImageLocationKind.Url && shipUrlImage);
        var image = workUnit.Image;
        if (image.Location is { } location && Shipped(location))
        {
            image = image.At(ImageLocation.FromHostPath(Root + "/" + ImageName(workUnit)));
        }

        var disks = workUnit.Disks.Select(d => Shipped(d.Location)
            ? new AttachedDisk(ImageLocation.FromHostPath(Root + "/" + DiskReturns.FileName(d.Location)), d.Device, d.ReadOnly, d.Format)
            : d);
        var kernel = workUnit.Kernel is { } boot
            ? boot with { Kernel = Root + "/" + Path.GetFileName(boot.Kernel), Initrd = boot.Initrd is { } initrd ? Root + "/" + Path.GetFileName(initrd) : null }
            : null;
        var inputs = workUnit.Inputs.Select((input, i) => new InputItem(Root + "/" + InputName(input, i), input.Target, input.Kind))
            .Concat((handOvers ?? []).Select(h => new InputItem(Root + "/" + h.FileName, h.Target, InputKind.File)));
        return workUnit with { Image = image, Disks = [.. disks], Kernel = kernel, Inputs = [.. inputs] };
    }
}
