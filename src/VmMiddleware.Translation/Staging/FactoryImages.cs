using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;

namespace VmMiddleware.Translation.Staging;

/// <summary>
/// Names vmimage://HOST:PORT/STATE.qcow2 URLs instead of host files for the images and disks a factory service already holds, so an
/// HTCondor job ships no image bytes an execute host's vmimage plugin cache can fetch once and share: the staging rule for
/// <c>--factory</c>. A writable disk that comes back is still shipped (HTCondor returns it by its own name, and the plugin hands out
/// read-only cache links).
/// </summary>
public static class FactoryImages
{
    /// <summary>Returns <paramref name="unit"/> with each held image and disk named by a vmimage:// URL; one progress line per file says which way it goes.</summary>
    public static async Task<WorkUnit> NameHeldAsync(WorkUnit unit, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(progress);
        if (factory is null)
        {
            return unit;
        }

        var returned = unit.ReturnDisks != DiskReturn.None;
        var image = unit.Image;
        if (image.Location is { Kind: ImageLocationKind.HostPath } path && !(returned && image.Kind == ImageKind.BootableDisk && !image.ReadOnly)
            && await UrlAsync(path.Value, factory, progress, cancellationToken).ConfigureAwait(false) is { } found)
        {
            image = found.SameBytes
                ? image.At(found.Url)
                : new ImageSpec(image.Kind, found.Url, image.Format is null ? null : ImageFormat.Qcow2, null, image.Device, image.ReadOnly);
        }

        var disks = new List<AttachedDisk>();
        foreach (var disk in unit.Disks)
        {
            if (disk.Location.Kind == ImageLocationKind.HostPath && !(returned && !disk.ReadOnly)
                && await UrlAsync(disk.Location.Value, factory, progress, cancellationToken).ConfigureAwait(false) is { } held)
            {
                disks.Add(new AttachedDisk(held.Url, disk.Device, disk.ReadOnly, disk.Format is null || held.SameBytes ? disk.Format : ImageFormat.Qcow2));
            }
            else
            {
                disks.Add(disk);
            }
        }

        return unit with { Image = image, Disks = disks };
    }

    /// <summary>Returns <paramref name="workflow"/> with every node's held images named by vmimage:// URLs (see <see cref="NameHeldAsync(WorkUnit, IFactoryContent?, Action{string}, CancellationToken)"/>).</summary>
    public static async Task<Workflow> NameHeldAsync(Workflow workflow, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        if (factory is null)
        {
            return workflow;
        }

        var nodes = new List<WorkflowNode>();
        foreach (var node in workflow.Nodes)
        {
            nodes.Add(node with { WorkUnit = await NameHeldAsync(node.WorkUnit, factory, progress, cancellationToken).ConfigureAwait(false) });
        }

        return workflow with { Nodes = nodes };
    }

    private static async Task<(ImageLocation Url, bool SameBytes)?> UrlAsync(string path, IFactoryContent factory, Action<string> progress, CancellationToken cancellationToken)
    {
        var lookup = await factory.FindImageAsync(path, cancellationToken).ConfigureAwait(false);
        if (lookup.StateId is not { } state)
        {
            progress($"{path}: the factory at {factory.Authority} does not hold it ({lookup.Detail}); shipping it");
            return null;
        }

        var url = $"{ImageLocation.UrlScheme}://{factory.Authority}/{state}.qcow2";
        progress($"{path}: the factory at {factory.Authority} holds it as image {state} ({lookup.Detail}); the job names {url} and ships no image bytes");
        return (ImageLocation.FromUrl(url), lookup.SameBytes);
    }
}
