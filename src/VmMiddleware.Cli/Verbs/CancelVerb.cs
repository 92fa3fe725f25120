using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid cancel JOB [--gateway ...]</c>: stops a job and waits until its VM is gone.</summary>
internal static class CancelVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var job = new Argument<string>("JOB") { Description = "A job id as submit printed it, a GRAM job contact, an HTCondor job id, or a job directory." };
        var json = new Option<bool>("--json") { Description = "Print the job's report as JSON." };
        var gateway = new GatewayArguments(settings);
        var command = new Command("cancel", "Cancel a job: the local launcher stops its VM (SIGINT, SIGKILL after 60 s; QEMU dies with it), a GRAM job is cancelled with globusrun -k, an HTCondor job removed with condor_rm.") { job, json };
        foreach (var option in gateway.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, token) =>
        {
            using var catalogue = JobCatalogue.Open(settings.CataloguePath);
            var access = gateway.Locate(catalogue, parse.GetValue(job)!, parse);
            var report = await access.OnJobAsync(
                (session, vmgrid, directory) => new GatewayJobs(session, TimeProvider.System).Cancel(vmgrid, directory),
                directory => new JobFollower(ProcessRunner.Default, TimeProvider.System).CancelAsync(directory, TimeSpan.FromSeconds(60), token),
                TimeProvider.System).ConfigureAwait(false);
            if (access.Entry is not null)
            {
                catalogue.Update(access.Entry.Id, report.Status, DateTimeOffset.UtcNow);
            }

            JobReportPrinter.Print(access.Id, report, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }
}
