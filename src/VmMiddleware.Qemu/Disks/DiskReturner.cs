using VmMiddleware.Host.DiskImages;
using VmMiddleware.Host.Durability;
using VmMiddleware.Qemu.Storage;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Disks;

/// <summary>Brings a work unit's modified writable disks back into its work directory, as HTCondor's vm universe returns them: whole under the disk's own file name, or as NAME.delta, a qcow2 overlay whose backing file is NAME.</summary>
/// <remarks>
/// A whole disk is written with qemu-img convert (in the image's own format) from the run's overlay over its explicit chain,
/// to a temporary name that is flushed and renamed over NAME, so a shipped file that is a hard link into a cache is replaced,
/// never written through. A delta is the run's overlay itself, moved out of the VM directory and given the backing name
/// NAME (relative, so it works beside the original). When the guest did not power off on its own the disks come back
/// unchanged: a whole disk is not written (the shipped file stays as it came) and a delta is an empty overlay, so a batch
/// system that lists NAME.delta as an output always finds it.
/// </remarks>
public static class DiskReturner
{
    private static readonly string[] LauncherNames = ["out", "checkpoint", "checkpoint.partial", "vm", "console.log", ".vmgrid-lock", ".vmgrid-qemu", ".vmgrid-guest"];

    /// <summary>Returns why the work unit's disks cannot come back (two under one name, or under a name the launcher writes), or null.</summary>
    public static string? NameClash(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        var seen = new HashSet<string>(LauncherNames, StringComparer.Ordinal);
        foreach (var name in DiskReturns.ReturnedFiles(workUnit))
        {
            if (!seen.Add(name))
            {
                return $"two writable disks, or a disk and the launcher's own {name}, would both come back as {name}; rename a disk file";
            }
        }

        return null;
    }

    /// <summary>Writes the returned disks into <paramref name="workDirectory"/> and returns their paths.</summary>
    /// <param name="workUnit">The work unit that ran.</param>
    /// <param name="workDirectory">Where the disks come back.</param>
    /// <param name="overlays">The run's overlay over each disk (boot image first, then the further disks in order).</param>
    /// <param name="chains">Each disk's image chain (top layer first), in the same order.</param>
    /// <param name="changed">Whether the guest powered off on its own (false: the disks come back unchanged).</param>
    /// <param name="qemuImg">The qemu-img that does the work.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public static async Task<IReadOnlyList<string>> ReturnAsync(
        WorkUnit workUnit, string workDirectory, IReadOnlyList<string> overlays, IReadOnlyList<IReadOnlyList<ImageLayer>> chains, bool changed, QemuImg qemuImg,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        ArgumentNullException.ThrowIfNull(overlays);
        ArgumentNullException.ThrowIfNull(chains);
        ArgumentNullException.ThrowIfNull(qemuImg);
        var returned = new List<string>();
        if (workUnit.ReturnDisks == DiskReturn.None || workUnit.Image.Kind != ImageKind.BootableDisk)
        {
            return returned;
        }

        var all = DiskReturns.Disks(workUnit);
        for (var i = 0; i < all.Count; i++)
        {
            if (all[i].ReadOnly)
            {
                continue;
            }

            var name = DiskReturns.FileName(all[i].Location);
            var chain = chains[i];
            if (workUnit.ReturnDisks == DiskReturn.Whole)
            {
                if (changed)
                {
                    var target = Path.Combine(workDirectory, name);
                    await DurableFile.ReplaceAsync(target, temp => qemuImg.ConvertImageOptionsAsync(ImageChainOptions.For(overlays[i], chain), temp, chain[0].Format, cancellationToken)).ConfigureAwait(false);
                    returned.Add(target);
                }

                continue;
            }

            var delta = Path.Combine(workDirectory, name + DiskReturns.DeltaSuffix);
            await DurableFile.ReplaceAsync(delta, async temp =>
            {
                if (changed)
                {
                    File.Move(overlays[i], temp);
                    await qemuImg.RebaseUnsafeAsync(temp, name, chain[0].Format, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await EmptyDeltaAsync(qemuImg, temp, name, chain[0], cancellationToken).ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
            returned.Add(delta);
        }

        return returned;
    }

    private static async Task EmptyDeltaAsync(QemuImg qemuImg, string path, string backingName, ImageLayer top, CancellationToken cancellationToken)
    {
        var header = ImageHeader.Read(top.Path);
        var size = top.Format == "raw" ? new FileInfo(top.Path).Length : header.VirtualSize
            ?? throw new InvalidDataException($"The size of {top.Path} cannot be read; no empty delta can be made over it.");
        await qemuImg.CreateOverlayAsync(path, backingName, top.Format, size, openBacking: false, cancellationToken).ConfigureAwait(false);
    }
}
