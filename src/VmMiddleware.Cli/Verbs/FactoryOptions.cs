using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.DiskImages;
using VmMiddleware.Images.Store;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Options the factory verbs share: where the store is, and machine-readable output.</summary>
internal static class FactoryOptions
{
    public static Option<string?> Store() => new("--store") { Description = "The factory store directory (default: $" + VmgridSettings.StoreVariable + ", else ~/.cache/vmmiddleware/factory)." };

    public static Option<bool> Json() => new("--json") { Description = "Print JSON." };

    /// <summary>Opens the store --store names, else the settings' store, with the qemu-img of the QEMU that builds would run (else qemu-img by name).</summary>
    public static Task<LayerStore> OpenAsync(string? store, VmgridSettings settings, CancellationToken cancellationToken) =>
        LayerStore.OpenAsync(string.IsNullOrEmpty(store) ? settings.StoreRoot : Path.GetFullPath(store), QemuImgOf(settings), cancellationToken: cancellationToken);

    /// <summary>Returns the qemu-img client of the QEMU <see cref="QemuLocator"/> finds, or of qemu-img by name when there is none (a cache hit needs no QEMU).</summary>
    public static QemuImg QemuImgOf(VmgridSettings settings)
    {
        QemuImgOptions options;
        try
        {
            options = QemuLocator.Locate(settings.QemuLocator(null)).ImageToolOptions();
        }
        catch (QemuNotFoundException)
        {
            options = new QemuImgOptions("qemu-img");
        }

        return new QemuImg(settings.Runner, options);
    }
}
