using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Condor;

/// <summary>What <see cref="WorkUnitCondorTranslator"/> returns: the submit description, the work unit as the launcher reads it, and the files the job ships.</summary>
/// <param name="Submit">The vanilla-universe submit description.</param>
/// <param name="ExecuteWorkUnit">The work unit to write as the job directory's work-unit file, relative to Staging.JobLayout.Root.</param>
/// <param name="Files">The transfer list's entries, in order (the launcher first, as the executable).</param>
public sealed record CondorJob(SubmitDescription Submit, WorkUnit ExecuteWorkUnit, IReadOnlyList<ShippedFile> Files);
