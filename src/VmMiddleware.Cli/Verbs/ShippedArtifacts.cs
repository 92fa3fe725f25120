using VmMiddleware.Cli.Settings;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Cli.Verbs;

/// <summary>The files every translated job ships besides its work unit: the launcher, the QEMU bundle and the reference guest archive.</summary>
/// <param name="Launcher">The self-contained vmgrid to ship (--launcher, or this vmgrid when it is a single-file publish), or null when there is none.</param>
/// <param name="Bundle">An existing QEMU bundle to copy (--qemu-bundle), or null to pack this host's QEMU.</param>
/// <param name="GuestDirectory">The reference guest directory (--guest), or null to locate it as vmgrid run does.</param>
/// <param name="Settings">Where QEMU and the guest are found, and the runner that packs the bundle.</param>
internal sealed record ShippedArtifacts(string? Launcher, string? Bundle, string? GuestDirectory, VmgridSettings Settings) : IJobArtifacts
{
    public static ShippedArtifacts From(VmgridSettings settings, FileInfo? launcher, FileInfo? bundle, DirectoryInfo? guest)
    {
        string? launcherPath = launcher?.FullName;
        // A single-file publish is the process itself, with no vmgrid.dll beside it (dotnet vmgrid.dll runs as dotnet).
        if (launcherPath is null && Environment.ProcessPath is { } self && Path.GetFileName(self) == "vmgrid"
            && !File.Exists(Path.Combine(AppContext.BaseDirectory, "vmgrid.dll")))
        {
            launcherPath = self;
        }

        foreach (var (path, option) in new[] { (launcher?.FullName, "--launcher"), (bundle?.FullName, "--qemu-bundle") })
        {
            if (path is not null && !File.Exists(path))
            {
                throw new UserErrorException($"{option} {path}: the file does not exist");
            }
        }

        return new ShippedArtifacts(launcherPath, bundle?.FullName, guest?.FullName, settings);
    }

    /// <summary>Puts the launcher, bundle and guest archive into <paramref name="directory"/> under the job layout's names.</summary>
    /// <remarks>What can fail cheaply is checked first: this host's QEMU is found and the guest located before anything is packed.</remarks>
    public async Task WriteIntoAsync(string directory, bool needsGuest, Action<string> progress, CancellationToken cancellationToken)
    {
        var sources = Bundle is null ? await DiscoverQemuAsync(cancellationToken).ConfigureAwait(false) : null;
        var guest = needsGuest ? await LocateGuestAsync(progress, cancellationToken).ConfigureAwait(false) : null;
        if (Launcher is null)
        {
            progress("warning: this vmgrid is not the self-contained launcher, so the job directory has no vmgrid; publish one (dotnet publish src/VmMiddleware.Cli -c Release -r linux-x64) and pass --launcher PATH");
        }
        else
        {
            var target = Path.Combine(directory, "vmgrid");
            File.Copy(Launcher, target);
            File.SetUnixFileMode(target, File.GetUnixFileMode(target) | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute);
        }

        var bundle = Path.Combine(directory, JobDirectory.BundleFileName);
        if (sources is null)
        {
            File.Copy(Bundle!, bundle);
        }
        else
        {
            progress("packing this host's QEMU into " + JobDirectory.BundleFileName);
            try
            {
                await QemuBundle.CreateAsync(sources, bundle, Settings.Runner, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw new UserErrorException("cannot pack the QEMU bundle: " + e.Message + " (or pass --qemu-bundle FILE)", e);
            }
        }

        if (guest is not null)
        {
            GuestArchive.Create(guest, Path.Combine(directory, JobDirectory.GuestFileName));
        }
    }

    private async Task<GuestKernel> LocateGuestAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await Settings.GuestLocator(Console.Error.WriteLine).LocateAsync(GuestDirectory, "--guest", progress, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestNotFoundException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    private async Task<BundleSources> DiscoverQemuAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await BundleSources.DiscoverAsync(Settings.Runner, Settings.SearchPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new UserErrorException("cannot pack the QEMU bundle: " + e.Message + " (or pass --qemu-bundle FILE)", e);
        }
    }
}
