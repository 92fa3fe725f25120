namespace VmMiddleware.Translation.Rsl;

/// <summary>Where a GRAM5 job finds its files and how it is sized; the input of <see cref="WorkUnitRslTranslator"/> besides the work unit.</summary>
/// <remarks>Every file is staged from, and every output back to, one staging location with a flat layout (see
/// <see cref="WorkUnitRslTranslator"/>): either a URL the job manager can read and write (gsiftp://, https://) or a
/// directory on the submitting machine that globusrun -w serves as $(GLOBUSRUN_GASS_URL). Set exactly one of the two.</remarks>
public sealed record RslTranslationOptions
{
    /// <summary>Gets the staging URL base, such as gsiftp://host/path (no trailing /), or null to stage through the client's GASS server.</summary>
    public string? StagingUrlBase { get; init; }

    /// <summary>Gets the absolute directory on the submitting machine that globusrun -w serves, or null when <see cref="StagingUrlBase"/> is set.</summary>
    public string? ClientDirectory { get; init; }

    /// <summary>Gets the job's directory on the execute host, which must exist; null (the default) for a fresh scratch directory under $(HOME) that the job manager removes after stage-out.</summary>
    public string? RemoteDirectory { get; init; }

    /// <summary>Gets the launcher's file name at the staging location; default vmgrid.</summary>
    public string LauncherFileName { get; init; } = "vmgrid";

    /// <summary>Gets the relocatable QEMU bundle's file name at the staging location (written by vmgrid bundle qemu); default qemu-bundle.tar.gz.</summary>
    public string BundleFileName { get; init; } = "qemu-bundle.tar.gz";

    /// <summary>Gets the reference guest's (kernel and initramfs) archive's file name at the staging location; default reference-guest.tar.gz.</summary>
    public string GuestFileName { get; init; } = "reference-guest.tar.gz";

    /// <summary>Gets the work unit's file name at the staging location, as written for the execute host (see <see cref="WorkUnitRslTranslator.StagedWorkUnit"/>); default workunit.xml.</summary>
    public string WorkUnitFileName { get; init; } = "workunit.xml";

    /// <summary>Gets the memory, in MiB, that QEMU needs beyond the guest's own (code, devices, a capped TCG translation cache); default 256.</summary>
    public int QemuOverheadMiB { get; init; } = 256;

    /// <summary>Returns options that stage through globusrun's GASS server from <paramref name="clientDirectory"/>.</summary>
    public static RslTranslationOptions OverGass(string clientDirectory) => new() { ClientDirectory = clientDirectory };

    /// <summary>Returns options that stage from and to <paramref name="stagingUrlBase"/>.</summary>
    public static RslTranslationOptions FromUrlBase(string stagingUrlBase) => new() { StagingUrlBase = stagingUrlBase };
}
