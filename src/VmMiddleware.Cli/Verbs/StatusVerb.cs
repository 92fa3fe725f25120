using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid status [JOB] [--gateway ...] [--json]</c>: where a job stands, in one vocabulary (idle, running, held, completed, removed, failed); without JOB, every job in the catalogue.</summary>
internal static class StatusVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var job = new Argument<string?>("JOB") { Description = "A job id as submit printed it, a GRAM job contact, an HTCondor job id, or a job directory; none lists every catalogued job.", Arity = ArgumentArity.ZeroOrOne };
        var json = new Option<bool>("--json") { Description = "Print JSON: the job's report (with its outputs once final), or an array for the listing." };
        var gateway = new GatewayArguments(settings);
        var command = new Command("status", "Report where a job stands (idle, running, held with the reason, completed with the exit code, removed, failed with the reason), whichever way it went; without JOB, list the catalogued jobs.")
        {
            job, json,
        };
        foreach (var option in gateway.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, token) =>
        {
            using var catalogue = JobCatalogue.Open(settings.CataloguePath);
            if (parse.GetValue(job) is not { } reference)
            {
                return await ListAsync(catalogue, parse, gateway, parse.GetValue(json), token).ConfigureAwait(false);
            }

            var access = gateway.Locate(catalogue, reference, parse);
            var report = await access.ReportAsync(ProcessRunner.Default, TimeProvider.System, token).ConfigureAwait(false);
            if (access.Entry is not null)
            {
                catalogue.Update(access.Entry.Id, report.Status, DateTimeOffset.UtcNow);
            }

            JobReportPrinter.Print(access.Id, report, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    // Final jobs are printed as last seen; the others are asked again (a gateway that cannot be reached is reported, not fatal).
    private static async Task<int> ListAsync(JobCatalogue catalogue, ParseResult parse, GatewayArguments gateway, bool json, CancellationToken token)
    {
        var listing = new List<JobListing>();
        foreach (var entry in catalogue.List())
        {
            var status = entry.LastStatus;
            string? error = null;
            if (status is not { IsFinal: true })
            {
                try
                {
                    status = (await gateway.Locate(catalogue, entry.Id, parse).ReportAsync(ProcessRunner.Default, TimeProvider.System, token).ConfigureAwait(false)).Status;
                    catalogue.Update(entry.Id, status, DateTimeOffset.UtcNow);
                }
                catch (Exception e) when (e is RemoteException or UserErrorException or IOException)
                {
                    error = e.Message;
                }
            }

            listing.Add(new JobListing(entry.Id, entry.Name, entry.Target, entry.Gateway, entry.LocalDirectory, status, error));
        }

        if (json)
        {
            Console.Out.WriteLine(JobJson.Write(listing));
        }
        else
        {
            foreach (var line in listing)
            {
                Console.Out.WriteLine(line.Status is { } s ? JobReportPrinter.Line(line.Id, s) : $"{line.Id}  unknown: {line.Error}");
            }
        }

        return ExitCodes.Success;
    }
}
