namespace VmMiddleware.Remote.Jobs;

/// <summary>What vmgrid job status reports about one job directory: its ticket, its status and, once it is final, its outputs.</summary>
/// <param name="Ticket">The job's ticket.</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Outputs">The files under out/ once the job is final, else empty.</param>
public sealed record JobReport(JobTicket Ticket, JobStatus Status, IReadOnlyList<OutputFile> Outputs);
