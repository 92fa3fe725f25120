namespace VmMiddleware.Store.Recovery;

/// <summary>What a recovery repaired after a crash or a kill.</summary>
/// <param name="TemporariesRemoved">Temporary files of writers that are gone.</param>
/// <param name="ScratchDirectoriesRemoved">Scratch directories of sessions that are gone.</param>
/// <param name="ObjectsAdopted">Objects renamed into place whose entry file was lost, given one again (content-addressed stores; their content is checked on first use).</param>
/// <param name="OrphansRemoved">Objects without an entry file that could not be adopted, deleted.</param>
/// <param name="EntriesDropped">Entries whose object or parent is missing, or whose entry file is unreadable, dropped.</param>
/// <param name="EntriesUpgraded">Entry files in an older configuration's format rewritten in the store's.</param>
/// <param name="StaleFilesRemoved">Temporary entry files, lease files and attachments left behind by killed writers.</param>
public sealed record RecoveryReport(int TemporariesRemoved, int ScratchDirectoriesRemoved, int ObjectsAdopted, int OrphansRemoved, int EntriesDropped, int EntriesUpgraded, int StaleFilesRemoved)
{
    /// <summary>Gets the report of a recovery that found nothing to repair.</summary>
    public static RecoveryReport Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>Gets the number of things removed or repaired (upgrades not counted).</summary>
    public int Total => TemporariesRemoved + ScratchDirectoriesRemoved + ObjectsAdopted + OrphansRemoved + EntriesDropped + StaleFilesRemoved;
}
