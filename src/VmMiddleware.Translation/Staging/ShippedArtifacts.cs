using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Translation.Staging;

/// <summary>The files every translated job ships besides its work unit: the launcher, the QEMU bundle (copied, or packed from this host's QEMU) and the reference guest archive.</summary>
/// <remarks>Its messages name vmgrid's options (<c>--launcher</c>, <c>--qemu-bundle</c>, <c>--guest</c>) as the ways to give each file.</remarks>
public sealed record ShippedArtifacts : IJobArtifacts
{
    /// <summary>Gets the self-contained vmgrid to ship, or null when there is none (the job directory then has no launcher and a warning says so); default null.</summary>
    public string? Launcher { get; init; }

    /// <summary>Gets an existing QEMU bundle to copy, or null to pack this host's QEMU; default null.</summary>
    public string? Bundle { get; init; }

    /// <summary>Gets the reference guest directory the user named, or null to let <see cref="GuestLocator"/> find it; default null.</summary>
    public string? GuestDirectory { get; init; }

    /// <summary>Gets the locator of the reference guest when <see cref="GuestDirectory"/> is null (and that loads it when it is not).</summary>
    public required GuestLocator GuestLocator { get; init; }

    /// <summary>Gets the runner that asks QEMU for its files and packs the bundle.</summary>
    public required IProcessRunner Runner { get; init; }

    /// <summary>Gets the directories this host's QEMU is looked up in (the edge passes PATH).</summary>
    public required IReadOnlyList<string> SearchPath { get; init; }

    /// <summary>Puts the launcher, bundle and guest archive into <paramref name="directory"/> under the job layout's names.</summary>
    /// <remarks>What can fail cheaply is checked first: this host's QEMU is found and the guest located before anything is packed.</remarks>
    /// <exception cref="JobStagingException">This host's QEMU cannot be found or packed, or there is no usable guest; the message is one line.</exception>
    public async Task WriteIntoAsync(string directory, bool needsGuest, Action<string> progress, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(progress);
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
                await QemuBundle.CreateAsync(sources, bundle, Runner, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw CannotPack(e);
            }
        }

        if (guest is not null)
        {
            GuestArchive.Create(guest, Path.Combine(directory, JobDirectory.GuestFileName));
        }
    }

    private static JobStagingException CannotPack(Exception e) =>
        new("cannot pack the QEMU bundle: " + e.Message + " (or pass --qemu-bundle FILE)", e);

    private async Task<GuestKernel> LocateGuestAsync(Action<string> progress, CancellationToken cancellationToken)
    {
        try
        {
            return await GuestLocator.LocateAsync(GuestDirectory, "--guest", progress, cancellationToken).ConfigureAwait(false);
        }
        catch (GuestNotFoundException e)
        {
            throw new JobStagingException(e.Message, e);
        }
    }

    private async Task<BundleSources> DiscoverQemuAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await BundleSources.DiscoverAsync(Runner, SearchPath, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw CannotPack(e);
        }
    }
}
