using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Bundle;

namespace VmMiddleware.Integration.Tests.Support;

/// <summary>The QEMU bundle packed once per test run from this host's QEMU.</summary>
internal static class BuiltBundle
{
    private static readonly Lazy<(string Archive, BundleManifest Manifest)> Built = new(() =>
    {
        RequiredTool.Find("qemu-system-x86_64");
        RequiredTool.Find("qemu-img");
        RequiredTool.Find("ldd");
        var dir = Directory.CreateTempSubdirectory("vmgrid-bundle-").FullName;
        var archive = Path.Combine(dir, "qemu-bundle.tar.gz");
        var manifest = Pack(archive).GetAwaiter().GetResult();
        return (archive, manifest);
    });

    public static string Archive => Built.Value.Archive;

    /// <summary>Removes the bundle's temporary directory if this run made one.</summary>
    public static void Cleanup()
    {
        if (Built.IsValueCreated)
        {
            Directory.Delete(Path.GetDirectoryName(Built.Value.Archive)!, recursive: true);
        }
    }

    public static BundleManifest Manifest => Built.Value.Manifest;

    /// <summary>Packs this host's QEMU (found on PATH) into <paramref name="archive"/>.</summary>
    public static async Task<BundleManifest> Pack(string archive)
    {
        var searchPath = ProgramSearch.Split(Environment.GetEnvironmentVariable("PATH"));
        var sources = await BundleSources.DiscoverAsync(ProcessRunner.Default, searchPath);
        return await QemuBundle.CreateAsync(sources, archive, ProcessRunner.Default);
    }
}
