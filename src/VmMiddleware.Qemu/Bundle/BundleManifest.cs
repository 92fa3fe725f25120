namespace VmMiddleware.Qemu.Bundle;

/// <summary>The bundle's <c>manifest.json</c>: what QEMU it holds and every file with its hash.</summary>
/// <param name="Format">The manifest format, <c>vmgrid-qemu-bundle/1</c>.</param>
/// <param name="QemuVersion">The first line of <c>qemu-system-x86_64 --version</c>.</param>
/// <param name="QemuImgVersion">The first line of <c>qemu-img --version</c>.</param>
/// <param name="Loader">The bundled dynamic loader, relative to the bundle root (e.g. <c>lib/ld-linux-x86-64.so.2</c>).</param>
/// <param name="Files">Every file except the manifest, sorted by path.</param>
public sealed record BundleManifest(string Format, string QemuVersion, string QemuImgVersion, string Loader, IReadOnlyList<BundleFile> Files)
{
    /// <summary>The only manifest format this version writes and reads.</summary>
    public const string CurrentFormat = "vmgrid-qemu-bundle/1";
}
