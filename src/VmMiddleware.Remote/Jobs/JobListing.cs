namespace VmMiddleware.Remote.Jobs;

/// <summary>One line of vmgrid status without a job: a catalogued job and its status.</summary>
/// <param name="Id">The job id.</param>
/// <param name="Name">The work unit's name.</param>
/// <param name="Target">local, rsl or condor.</param>
/// <param name="Gateway">The gateway for a remote job, else null.</param>
/// <param name="Directory">The job directory on this machine.</param>
/// <param name="Status">The status, or null when it could not be asked (<paramref name="Error"/> says why).</param>
/// <param name="Error">Why the status is unknown, else null.</param>
public sealed record JobListing(string Id, string Name, string Target, string? Gateway, string Directory, JobStatus? Status, string? Error);
