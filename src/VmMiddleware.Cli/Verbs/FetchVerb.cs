using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Remote.Catalogue;
using System.Globalization;
using System.Text.Json.Nodes;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid fetch JOB [-o DIR]</c>: brings a finished job's outputs back (resumable, each file checked by its SHA-256).</summary>
internal static class FetchVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var job = new Argument<string>("JOB") { Description = "A job id as submit printed it, a GRAM job contact, an HTCondor job id, or a job directory." };
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "Where the outputs go (default: the job directory's out/ on this machine)." };
        var json = new Option<bool>("--json") { Description = "Print what was fetched as JSON." };
        var gateway = new GatewayArguments(settings);
        var command = new Command("fetch", "Bring a finished job's outputs back: from the gateway over SFTP, continuing an interrupted fetch and checking each file's SHA-256; for a job run here, copy them to -o DIR.")
        {
            job, output, json,
        };
        foreach (var option in gateway.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, token) =>
        {
            using var catalogue = JobCatalogue.Open(settings.CataloguePath);
            var access = gateway.Locate(catalogue, parse.GetValue(job)!, parse);
            var printer = new TransferPrinter(TimeProvider.System);
            string? target = parse.GetValue(output)?.FullName;
            var (report, fetched) = await access.OnJobAsync(
                (session, vmgrid, directory) =>
                {
                    var jobs = new GatewayJobs(session, TimeProvider.System);
                    var report = Final(access.Id, jobs.Report(vmgrid, directory));
                    target ??= Path.Combine(access.LocalDirectory, JobFiles.Outputs);
                    return (report, jobs.Fetch(directory, report, target, printer.Report, token));
                },
                async directory =>
                {
                    var report = Final(access.Id, await access.ReportAsync(ProcessRunner.Default, TimeProvider.System, token).ConfigureAwait(false));
                    var source = Path.Combine(directory, JobFiles.Outputs);
                    target ??= source;
                    return (report, Copy(source, target, report.Outputs));
                },
                TimeProvider.System).ConfigureAwait(false);
            if (access.Entry is not null)
            {
                catalogue.Update(access.Entry.Id, report.Status, DateTimeOffset.UtcNow);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(new JsonObject
                {
                    ["id"] = access.Id,
                    ["directory"] = target,
                    ["files"] = fetched.Files,
                    ["totalBytes"] = fetched.TotalBytes,
                    ["receivedBytes"] = fetched.ReceivedBytes,
                    ["resumedBytes"] = fetched.ResumedBytes,
                    ["presentBytes"] = fetched.PresentBytes,
                    ["state"] = report.Status.StateName,
                    ["exitCode"] = report.Status.ExitCode,
                }.ToJsonString());
            }
            else
            {
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{access.Id}: {fetched.Files} output files in {target} ({fetched.ReceivedBytes} bytes received, {fetched.ResumedBytes} resumed, {fetched.PresentBytes} already here); {report.Status}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JobReport Final(string id, JobReport report) => report.Status.IsFinal
        ? report
        : throw new UserErrorException($"job {id} is {report.Status}; its outputs can be fetched once it has finished");

    private static FetchReport Copy(string source, string target, IReadOnlyList<OutputFile> files)
    {
        if (Path.GetFullPath(source) == Path.GetFullPath(target))
        {
            return new FetchReport(files.Count, files.Sum(f => f.Length), 0, 0, files.Sum(f => f.Length));
        }

        foreach (var file in files)
        {
            var destination = Path.Combine(target, file.Path);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(Path.Combine(source, file.Path), destination + OutputDownloader.PartialSuffix, overwrite: true);
            File.Move(destination + OutputDownloader.PartialSuffix, destination, overwrite: true);
        }

        return new FetchReport(files.Count, files.Sum(f => f.Length), files.Sum(f => f.Length), 0, 0);
    }
}
