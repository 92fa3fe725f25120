using System.Globalization;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Jobs;

/// <summary>Creates or starts a job from a translated job directory and records it in the job catalogue at <paramref name="cataloguePath"/>.</summary>
/// <param name="cataloguePath">The catalogue file every submission is recorded in.</param>
/// <param name="processes">Starts the job (see <see cref="JobStarter"/>).</param>
/// <param name="time">The clock for submission times and the detached start.</param>
public sealed class JobSubmitter(string cataloguePath, IProcessRunner processes, TimeProvider time)
{
    /// <summary>Creates the new, empty job directory <paramref name="directory"/> for a work unit run in this process, writes its ticket and records it.</summary>
    /// <param name="directory">The new job directory (absolute); it must not exist or be empty.</param>
    /// <param name="name">The work unit's name.</param>
    /// <param name="processId">The id of the process that runs it, part of the job's id.</param>
    /// <exception cref="RemoteException">The directory exists and is not empty.</exception>
    public JobTicket CreateLocal(string directory, string name, int processId)
    {
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new RemoteException($"{directory} already exists and is not empty; expected a new job directory");
        }

        Directory.CreateDirectory(directory);
        var id = "local-" + processId.ToString(CultureInfo.InvariantCulture) + "-" + Path.GetFileName(directory);
        var ticket = new JobTicket(id, name, "local", time.GetUtcNow());
        JobDirectory.WriteTicket(directory, ticket);
        Record(new CatalogueEntry(id, name, "local", directory, ticket.Submitted));
        return ticket;
    }

    /// <summary>Starts the job of <paramref name="directory"/> as <see cref="JobStarter"/> does and records it with the batch system's handle.</summary>
    /// <exception cref="RemoteException">The start failed, or the catalogue cannot be opened.</exception>
    public async Task<JobTicket> StartAsync(string directory, JobTicket ticket, IReadOnlyList<string> vmgrid, CancellationToken cancellationToken)
    {
        ticket = await new JobStarter(processes, time).StartAsync(directory, ticket, vmgrid, cancellationToken).ConfigureAwait(false);
        Record(new CatalogueEntry(ticket.Id, ticket.Name, ticket.Target, directory, ticket.Submitted) { Handle = Handle(ticket) });
        return ticket;
    }

    /// <summary>Records a job started on a gateway, with how the gateway was reached, so status, fetch and cancel reach it the same way.</summary>
    /// <exception cref="RemoteException">The catalogue cannot be opened.</exception>
    public void RecordGateway(GatewaySubmission submission, string name, string target, string localDirectory, GatewayOptions gateway)
    {
        ArgumentNullException.ThrowIfNull(submission);
        ArgumentNullException.ThrowIfNull(gateway);
        Record(new CatalogueEntry(submission.Id, name, target, localDirectory, submission.Ticket.Submitted)
        {
            Gateway = gateway.Address.ToString(),
            RemoteDirectory = submission.RemoteDirectory,
            RemoteVmgrid = submission.RemoteVmgrid,
            Handle = Handle(submission.Ticket),
            Trust = new GatewayTrust(gateway.IdentityFiles, gateway.KnownHostsFiles, gateway.HostKeyFingerprint),
        });
    }

    /// <summary>Returns the GRAM job contact or HTCondor job id of <paramref name="ticket"/>, or null.</summary>
    public static string? Handle(JobTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        return ticket.GramJob ?? ticket.CondorJob;
    }

    private void Record(CatalogueEntry entry)
    {
        using var catalogue = JobCatalogue.Open(cataloguePath);
        catalogue.Put(entry);
    }
}
