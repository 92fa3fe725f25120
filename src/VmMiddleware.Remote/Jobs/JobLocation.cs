using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Jobs;

/// <summary>One job that status, fetch or cancel acts on, wherever it is: a catalogued job (local or on a gateway), a job directory here, or a job on a named gateway.</summary>
public sealed class JobLocation
{
    private JobLocation(string id, string localDirectory, CatalogueEntry? entry, GatewayOptions? gateway, string? remoteDirectory)
    {
        Id = id;
        LocalDirectory = localDirectory;
        Entry = entry;
        Gateway = gateway;
        RemoteDirectory = remoteDirectory;
    }

    /// <summary>Gets the job's id (for a remote job it names the gateway).</summary>
    public string Id { get; }

    /// <summary>Gets the job directory here (for a remote job: where fetch puts out/).</summary>
    public string LocalDirectory { get; }

    /// <summary>Gets the job's catalogue entry, or null for a job the catalogue does not hold.</summary>
    public CatalogueEntry? Entry { get; }

    /// <summary>Gets how to reach the job's gateway, or null for a job on this machine.</summary>
    public GatewayOptions? Gateway { get; }

    /// <summary>Gets the job directory on the gateway when the catalogue knows it, else null.</summary>
    public string? RemoteDirectory { get; }

    /// <summary>Finds <paramref name="reference"/>: in the catalogue (by id, handle or name), else on the named gateway, else as a job directory here.</summary>
    /// <exception cref="RemoteException">No job matches; the message says what to give instead.</exception>
    public static JobLocation Resolve(JobCatalogue catalogue, string reference, JobLocatorOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalogue);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(options);
        if (catalogue.Find(reference) is { } entry)
        {
            var address = options.Gateway ?? entry.Gateway;
            return address is null
                ? new JobLocation(entry.Id, entry.LocalDirectory, entry, null, null)
                : new JobLocation(entry.Id, entry.LocalDirectory, entry, options.ReadGateway(address, entry.Trust), entry.RemoteDirectory);
        }

        if (options.Gateway is { } named)
        {
            var gateway = options.ReadGateway(named, null);
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return new JobLocation($"{gateway.Address}/{name}", Path.Combine(options.CurrentDirectory, name), null, gateway, null);
        }

        if (File.Exists(Path.Combine(reference, JobFiles.Ticket)))
        {
            var directory = Path.GetFullPath(reference);
            return new JobLocation(JobDirectory.ReadTicket(directory).Id, directory, null, null, null);
        }

        throw new RemoteException($"no job '{reference}' in the catalogue ({options.CataloguePath}); give the job's id, its directory, or --gateway for a job submitted from elsewhere");
    }

    /// <summary>Runs <paramref name="remote"/> on the gateway (with the job's vmgrid and directory there) or <paramref name="local"/> here.</summary>
    /// <exception cref="RemoteException">The gateway has no vmgrid for the job.</exception>
    public async Task<T> OnJobAsync<T>(Func<GatewaySession, string, string, T> remote, Func<string, Task<T>> local, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(local);
        if (Gateway is null)
        {
            return await local(LocalDirectory).ConfigureAwait(false);
        }

        using var session = GatewaySession.Open(Gateway);
        var directory = RemoteDirectory ?? new GatewayJobs(session, time).DirectoryOf(Id[(Id.LastIndexOf('/') + 1)..]);
        var vmgrid = Entry?.RemoteVmgrid ?? session.Run($"if [ -x {ShellQuote.Word(directory + "/vmgrid")} ]; then echo {ShellQuote.Word(directory + "/vmgrid")}; else command -v vmgrid; fi").Stdout.Trim();
        if (vmgrid.Length == 0)
        {
            throw new RemoteException($"{Gateway.Address} has no vmgrid for job {Id} (none in {directory}, none on PATH)");
        }

        return remote(session, vmgrid, directory);
    }

    /// <summary>Returns where the job stands, asked on its gateway or read from its directory here.</summary>
    public Task<JobReport> ReportAsync(IProcessRunner processes, TimeProvider time, CancellationToken cancellationToken) => OnJobAsync(
        (session, vmgrid, directory) => new GatewayJobs(session, time).Report(vmgrid, directory),
        directory => new JobFollower(processes, time).ReportAsync(directory, cancellationToken),
        time);
}
