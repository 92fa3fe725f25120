using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Catalogue;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Translation.Dag;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submit INPUT --to condor|rsl|local [--gateway user@host]</c>: translate, then hand the job to condor_submit, to globusrun, or run it here; with --gateway, do that on a gateway over SSH.</summary>
internal static class SubmitVerb
{
    public const string ContactVariable = "VMMIDDLEWARE_GRAM_CONTACT";

    public static Command Create()
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A work-unit XML file, a workflow XML file (condor only, as a DAG) or an HTCondor submit file." };
        var to = TranslateVerb.ToOption(["condor", "rsl", "local"], "Where the job runs: HTCondor (condor_submit or condor_submit_dag), GRAM5 (globusrun), or this host (the launcher).");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The new job directory (default: INPUT's stem and the target, such as hello-local, in the current directory)." };
        var contact = new Option<string?>("--contact") { Description = $"RSL: the gatekeeper contact (default: ${ContactVariable}; with --gateway, the gateway's)." };
        var wait = new Option<bool>("--wait") { Description = "RSL without --gateway: wait in globusrun -w, staging through its GASS server (the gatekeeper may be on another host), and bring the outputs back to DIR/out." };
        var json = new Option<bool>("--json") { Description = "With --gateway: print the submission (id, directories, upload counts) as JSON." };
        var (launcher, bundle, guest) = TranslateVerb.ArtifactOptions();
        var gateway = new GatewayArguments();
        var command = new Command("submit", "Translate INPUT and submit it: condor_submit (HTCondor), globusrun -b (GRAM5; returns at once with the job contact) or a run of the launcher here; with --gateway, upload what the gateway lacks and submit there.")
        {
            input, to, output, contact, wait, json, launcher, bundle, guest,
        };
        foreach (var option in gateway.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, token) =>
        {
            var target = parse.GetValue(to)!;
            var job = JobInput.Read(parse.GetValue(input)!.ToString());
            var directory = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, job.Stem + "-" + target);
            var artifacts = () => ShippedArtifacts.From(parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest));
            if (parse.GetValue(gateway.Gateway) is not null)
            {
                return GatewaySubmit.Run(parse, gateway, job, target, directory, parse.GetValue(contact), artifacts(), parse.GetValue(json), token);
            }

            return target switch
            {
                "local" => await LocalAsync(job, directory, parse.GetValue(guest)).ConfigureAwait(false),
                "condor" => await CondorAsync(job, directory, artifacts(), token).ConfigureAwait(false),
                _ when parse.GetValue(wait) => GramWait(job, directory, parse.GetValue(contact), artifacts()),
                _ => await GramAsync(job, directory, parse.GetValue(contact), artifacts(), token).ConfigureAwait(false),
            };
        });
        return command;
    }

    private static async Task<int> LocalAsync(JobInput job, string directory, DirectoryInfo? guest)
    {
        var unit = job.WorkUnit ?? throw new UserErrorException($"{job.Path}: --to local runs one work unit; submit a workflow --to condor");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UserErrorException($"{directory} already exists and is not empty; expected a new job directory");
        }

        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "workunit.xml");
        WorkUnitWriter.Write(unit, file);
        var id = "local-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Path.GetFileName(directory);
        var ticket = new JobTicket(id, unit.Name, "local", DateTimeOffset.UtcNow);
        JobDirectory.WriteTicket(directory, ticket);
        Record(new CatalogueEntry(id, unit.Name, "local", directory, ticket.Submitted));
        Console.Out.WriteLine($"job {id}: {unit.Name} in {directory}");
        var exitCode = await JobVerb.RunRecordedAsync(directory, file, guest).ConfigureAwait(false);
        Console.Out.WriteLine($"job {id}: exit code {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static async Task<int> CondorAsync(JobInput job, string directory, ShippedArtifacts artifacts, CancellationToken token)
    {
        if (job.Workflow is not null && DagNodeLog.IsRefused(Path.GetFullPath(directory)))
        {
            throw new UserErrorException(DagNodeLog.Reason(Path.GetFullPath(directory)) + "; give -o DIR outside /tmp");
        }

        var tool = job.Workflow is null ? "condor_submit" : "condor_submit_dag";
        var program = ToolLocator.FindOnPath(tool)
            ?? throw new UserErrorException($"{tool} not found on PATH: HTCondor is not installed here; use vmgrid translate {job.Path} --to {(job.Workflow is null ? "condor" : "dag")} and submit the result on an HTCondor submit host");
        var description = JobWriter.Write(job, job.Workflow is null ? "condor" : "dag", directory, artifacts, null, TranslateVerb.Progress);
        if (job.Workflow is not null)
        {
            return RunTool(program, [Path.GetFileName(description)], directory);
        }

        return await StartAsync(job, directory, new JobTicket(NewId(job), job.WorkUnit!.Name, "condor", DateTimeOffset.UtcNow), token).ConfigureAwait(false);
    }

    // Returns at once: the RSL stages by file:// from the job directory, which the job manager reads where the gatekeeper runs
    // (this host, or a shared file system); --wait stages through globusrun's GASS server instead, which lives only as long as it waits.
    private static async Task<int> GramAsync(JobInput job, string directory, string? contact, ShippedArtifacts artifacts, CancellationToken token)
    {
        contact = RequireContact(contact);
        _ = ToolLocator.FindOnPath("globusrun") ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var target = Path.GetFullPath(directory);
        JobWriter.Write(job, "rsl", target, artifacts, "file://" + target, TranslateVerb.Progress);
        var ticket = new JobTicket(NewId(job), job.WorkUnit!.Name, "rsl", DateTimeOffset.UtcNow) { Gatekeeper = contact };
        return await StartAsync(job, target, ticket, token).ConfigureAwait(false);
    }

    private static async Task<int> StartAsync(JobInput job, string directory, JobTicket ticket, CancellationToken token)
    {
        ticket = await new JobStarter(ProcessRunner.Instance, TimeProvider.System).StartAsync(directory, ticket, VmgridCommand.Self(), token).ConfigureAwait(false);
        var handle = ticket.GramJob ?? ticket.CondorJob;
        Record(new CatalogueEntry(ticket.Id, ticket.Name, ticket.Target, directory, ticket.Submitted) { Handle = handle });
        Console.Out.WriteLine($"job {ticket.Id}: {job.WorkUnit!.Name} submitted --to {ticket.Target}; {(ticket.Target == "rsl" ? "GRAM job " : "HTCondor job ")}{handle}; job directory {directory}");
        return ExitCodes.Success;
    }

    private static int GramWait(JobInput job, string directory, string? contact, ShippedArtifacts artifacts)
    {
        contact = RequireContact(contact);
        var globusrun = ToolLocator.FindOnPath("globusrun") ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var rsl = JobWriter.Write(job, "rsl", directory, artifacts, null, TranslateVerb.Progress);
        Console.Out.WriteLine($"job directory {directory}; submitting {rsl} to {contact}");
        var exitCode = RunTool(globusrun, ["-w", "-r", contact, "-f", rsl], directory);
        Console.Out.WriteLine($"globusrun exited {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static string RequireContact(string? contact)
    {
        contact ??= Environment.GetEnvironmentVariable(ContactVariable);
        return string.IsNullOrWhiteSpace(contact)
            ? throw new UserErrorException($"--to rsl needs a gatekeeper contact: pass --contact HOST:PORT/SERVICE or set ${ContactVariable}")
            : contact;
    }

    private static string NewId(JobInput job) => Remote.Gateways.GatewayJobs.NewId(job.WorkUnit?.Name ?? job.Stem);

    private static void Record(CatalogueEntry entry)
    {
        using var catalogue = CatalogueLocation.Open();
        catalogue.Put(entry);
    }

    private static int RunTool(string program, IEnumerable<string> arguments, string directory)
    {
        var info = new ProcessStartInfo(program) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new UserErrorException("cannot start " + program);
        process.WaitForExit();
        return process.ExitCode;
    }
}
