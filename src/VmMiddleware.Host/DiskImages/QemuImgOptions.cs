namespace VmMiddleware.Host.DiskImages;

/// <summary>Which <c>qemu-img</c> to run and how: the system's, or a relocatable bundle's through the bundle's own dynamic loader.</summary>
/// <param name="Program">The qemu-img program: a path, or a name the process runner looks up in its search path.</param>
public sealed record QemuImgOptions(string Program)
{
    /// <summary>Gets the dynamic loader (ld-linux) qemu-img is run through, or null to run it directly.</summary>
    public string? Loader { get; init; }

    /// <summary>Gets the directory of the bundled shared libraries the loader is given (<c>--library-path</c>), or null.</summary>
    public string? LibraryPath { get; init; }

    /// <summary>Gets whether qemu-img runs under SCHED_IDLE (<see cref="Processes.IdleScheduling"/>), so conversions and commits take only cores nothing else wants; false by default.</summary>
    public bool IdleScheduling { get; init; }
}
