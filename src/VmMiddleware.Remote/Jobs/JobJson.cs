using System.Text.Json;

namespace VmMiddleware.Remote.Jobs;

/// <summary>The JSON form of tickets, reports and listings, as vmgrid prints them with --json and as the gateway's vmgrid answers.</summary>
public static class JobJson
{
    /// <summary>Returns the report as indented JSON.</summary>
    public static string Write(JobReport report) => JsonSerializer.Serialize(report, JobsJsonContext.Default.JobReport);

    /// <summary>Returns the ticket as indented JSON.</summary>
    public static string Write(JobTicket ticket) => JsonSerializer.Serialize(ticket, JobsJsonContext.Default.JobTicket);

    /// <summary>Returns the listing as an indented JSON array.</summary>
    public static string Write(IReadOnlyList<JobListing> listing) => JsonSerializer.Serialize(listing, JobsJsonContext.Default.IReadOnlyListJobListing);
}
