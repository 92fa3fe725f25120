using System.CommandLine;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Verbs;

/// <summary>One job that status, fetch or cancel acts on, wherever it is: a catalogued job (local or on a gateway), a job directory here, or a job on a gateway named with --gateway.</summary>
internal sealed class JobAccess
{
    private JobAccess(string id, string localDirectory, CatalogueEntry? entry, GatewayOptions? gateway, string? remoteDirectory)
    {
        Id = id;
        LocalDirectory = localDirectory;
        Entry = entry;
        Gateway = gateway;
        RemoteDirectory = remoteDirectory;
    }

    public string Id { get; }

    /// <summary>Gets the job directory here (for a remote job: where fetch puts out/).</summary>
    public string LocalDirectory { get; }

    public CatalogueEntry? Entry { get; }

    public GatewayOptions? Gateway { get; }

    public string? RemoteDirectory { get; }

    public static JobAccess Resolve(JobCatalogue catalogue, string reference, ParseResult parse, GatewayArguments gateway)
    {
        if (catalogue.Find(reference) is { } entry)
        {
            var address = parse.GetValue(gateway.Gateway) ?? entry.Gateway;
            return address is null
                ? new JobAccess(entry.Id, entry.LocalDirectory, entry, null, null)
                : new JobAccess(entry.Id, entry.LocalDirectory, entry, gateway.Read(parse, address, entry.Trust), entry.RemoteDirectory);
        }

        if (parse.GetValue(gateway.Gateway) is { } named)
        {
            var options = gateway.Read(parse, named, null);
            var name = reference[(reference.LastIndexOf('/') + 1)..];
            return new JobAccess($"{options.Address}/{name}", Path.Combine(Environment.CurrentDirectory, name), null, options, null);
        }

        if (File.Exists(Path.Combine(reference, JobFiles.Ticket)))
        {
            var directory = Path.GetFullPath(reference);
            return new JobAccess(JobDirectory.ReadTicket(directory).Id, directory, null, null, null);
        }

        throw new UserErrorException($"no job '{reference}' in the catalogue ({gateway.Settings.CataloguePath}); give the job's id, its directory, or --gateway for a job submitted from elsewhere");
    }

    /// <summary>Runs <paramref name="remote"/> on the gateway (with the job's vmgrid and directory there) or <paramref name="local"/> here.</summary>
    public async Task<T> OnJobAsync<T>(Func<GatewaySession, string, string, T> remote, Func<string, Task<T>> local)
    {
        if (Gateway is null)
        {
            return await local(LocalDirectory).ConfigureAwait(false);
        }

        using var session = GatewaySession.Open(Gateway);
        var directory = RemoteDirectory ?? new GatewayJobs(session, TimeProvider.System).DirectoryOf(Id[(Id.LastIndexOf('/') + 1)..]);
        var vmgrid = Entry?.RemoteVmgrid ?? session.Run($"if [ -x {ShellQuote.Word(directory + "/vmgrid")} ]; then echo {ShellQuote.Word(directory + "/vmgrid")}; else command -v vmgrid; fi").Stdout.Trim();
        if (vmgrid.Length == 0)
        {
            throw new UserErrorException($"{Gateway.Address} has no vmgrid for job {Id} (none in {directory}, none on PATH)");
        }

        return remote(session, vmgrid, directory);
    }

    public Task<JobReport> ReportAsync(CancellationToken token) => OnJobAsync(
        (session, vmgrid, directory) => new GatewayJobs(session, TimeProvider.System).Report(vmgrid, directory),
        directory => new JobFollower(ProcessRunner.Default, TimeProvider.System).ReportAsync(directory, token));
}
