using VmMiddleware.Remote.Jobs;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.Remote.Gateways;

/// <summary>A job started on a gateway.</summary>
/// <param name="Id">The job id, naming the gateway: user@host:port/NAME-XXXXXXXX.</param>
/// <param name="RemoteDirectory">The job directory on the gateway.</param>
/// <param name="RemoteVmgrid">The vmgrid that runs there for it.</param>
/// <param name="Ticket">The ticket the gateway wrote (with the GRAM contact or HTCondor id).</param>
/// <param name="Upload">What the upload moved.</param>
public sealed record GatewaySubmission(string Id, string RemoteDirectory, string RemoteVmgrid, JobTicket Ticket, UploadReport Upload);
