using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Translation.Condor;

/// <summary>Where a vanilla-universe job finds its files and how it is sized; the input of <see cref="WorkUnitCondorTranslator"/> besides the work unit.</summary>
/// <remarks>Paths are submit-side paths relative to the directory condor_submit runs in (the job directory of
/// <see cref="JobLayout"/>); each file arrives on the execute host under its last path segment.</remarks>
public sealed record CondorTranslationOptions
{
    /// <summary>Gets the submit-side path of the launcher, the self-contained vmgrid; default vmgrid.</summary>
    public string LauncherPath { get; init; } = "vmgrid";

    /// <summary>Gets the submit-side path of the QEMU bundle (vmgrid bundle qemu); default qemu-bundle.tar.gz.</summary>
    public string BundlePath { get; init; } = "qemu-bundle.tar.gz";

    /// <summary>Gets the submit-side path of the reference guest archive; default reference-guest.tar.gz.</summary>
    public string GuestPath { get; init; } = "reference-guest.tar.gz";

    /// <summary>Gets the file name of the execute-side work unit (<see cref="CondorJob.ExecuteWorkUnit"/>) in the job directory; default workunit.xml.</summary>
    public string WorkUnitFileName { get; init; } = "workunit.xml";

    /// <summary>Gets the job event log's path; default job.log.</summary>
    public string LogPath { get; init; } = "job.log";

    /// <summary>Gets the path the launcher's own stdout comes back to; default vmgrid.stdout.</summary>
    public string OutputPath { get; init; } = "vmgrid.stdout";

    /// <summary>Gets the path the launcher's own stderr comes back to; default vmgrid.stderr.</summary>
    public string ErrorPath { get; init; } = "vmgrid.stderr";

    /// <summary>Gets the memory, in MiB, that QEMU needs beyond the guest's own (code, devices, a capped TCG translation cache); default 256.</summary>
    public int QemuOverheadMiB { get; init; } = 256;

    /// <summary>Gets the disk, in MiB, that the launcher, the unpacked QEMU bundle and the guest take in the job directory; default 512.</summary>
    public int ShippedFilesMiB { get; init; } = 512;

    /// <summary>Gets the size of the image file in bytes when the caller knows it (0 when it does not, or for a cached image).</summary>
    public long ImageBytes { get; init; }

    /// <summary>Gets the total size of the inputs in bytes when the caller knows it; default 0.</summary>
    public long InputBytes { get; init; }

    /// <summary>Gets how long past the work unit's wall time HTCondor waits before it holds a job the launcher did not end; default 15 minutes.</summary>
    public TimeSpan WallTimeGrace { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>Gets how long an evicted job may take to checkpoint (job_max_vacate_time); default 3 minutes.</summary>
    public TimeSpan VacateTime { get; init; } = TimeSpan.FromMinutes(3);

    /// <summary>Gets the rank added for a machine that advertises the image in <see cref="CondorAttributes.CachedImages"/>; default 100.</summary>
    public int CachedImageRank { get; init; } = 100;

    /// <summary>Gets files other jobs leave for this one (a DAG's edges); empty by default.</summary>
    public IReadOnlyList<HandOver> HandOvers { get; init; } = [];
}
