namespace VmMiddleware.Remote.Jobs;

/// <summary>What a job directory says about its job (vmgrid-job.json): which way it went and the batch system's handle for it.</summary>
/// <param name="Id">The job id (NAME-XXXXXXXX), unique on the machine that holds the directory.</param>
/// <param name="Name">The work unit's name.</param>
/// <param name="Target">local, rsl or condor.</param>
/// <param name="Submitted">When it was submitted.</param>
public sealed record JobTicket(string Id, string Name, string Target, DateTimeOffset Submitted)
{
    /// <summary>Gets the GRAM gatekeeper contact the job went to (rsl).</summary>
    public string? Gatekeeper { get; init; }

    /// <summary>Gets the GRAM job contact, https://HOST:PORT/ID/STAMP/ (rsl).</summary>
    public string? GramJob { get; init; }

    /// <summary>Gets the HTCondor job id CLUSTER.PROC (condor).</summary>
    public string? CondorJob { get; init; }
}
