namespace VmMiddleware.Qemu.Cache;

/// <summary>What opening the cache repaired after a crash or a kill.</summary>
/// <param name="TempFilesRemoved">Temporary files of inserts whose writer is gone.</param>
/// <param name="ObjectsAdopted">Objects renamed into place whose index update was lost; they are re-verified on first use.</param>
/// <param name="EntriesDropped">Index entries whose object file (or backing entry) is missing.</param>
public sealed record CacheRecoveryReport(int TempFilesRemoved, int ObjectsAdopted, int EntriesDropped)
{
    /// <summary>Gets the report of a recovery that found nothing to repair.</summary>
    public static CacheRecoveryReport Empty { get; } = new(0, 0, 0);
}
