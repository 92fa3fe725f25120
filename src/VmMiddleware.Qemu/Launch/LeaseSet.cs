using VmMiddleware.Qemu.Storage;

namespace VmMiddleware.Qemu.Launch;

/// <summary>The leased images of a run's further disks, released together.</summary>
/// <param name="images">The images, or null for none.</param>
internal sealed class LeaseSet(IReadOnlyList<ResolvedImage>? images) : IDisposable
{
    public void Dispose()
    {
        foreach (var image in images ?? [])
        {
            image.Dispose();
        }
    }
}
