using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Input;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submit INPUT --to condor|rsl|local [--gateway user@host]</c>: translate, then hand the job to condor_submit, to globusrun, or run it here; with --gateway, do that on a gateway over SSH.</summary>
internal static class SubmitVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A work-unit XML file, a workflow XML file (condor only, as a DAG) or an HTCondor submit file." };
        var to = TranslateVerb.ToOption(["condor", "rsl", "local"], "Where the job runs: HTCondor (condor_submit or condor_submit_dag), GRAM5 (globusrun), or this host (the launcher).");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The new job directory (default: INPUT's stem and the target, such as hello-local, in the current directory)." };
        var contact = new Option<string?>("--contact") { Description = $"RSL: the gatekeeper contact (default: ${VmgridSettings.GramContactVariable}; with --gateway, the gateway's)." };
        var wait = new Option<bool>("--wait") { Description = "RSL without --gateway: wait in globusrun -w, staging through its GASS server (the gatekeeper may be on another host), and bring the outputs back to DIR/out." };
        var json = new Option<bool>("--json") { Description = "With --gateway: print the submission (id, directories, upload counts) as JSON." };
        var (launcher, bundle, guest) = TranslateVerb.ArtifactOptions();
        var factory = TranslateVerb.FactoryOption();
        var gateway = new GatewayArguments(settings);
        var command = new Command("submit", "Translate INPUT and submit it: condor_submit (HTCondor), globusrun -b (GRAM5; returns at once with the job contact) or a run of the launcher here; with --gateway, upload what the gateway lacks and submit there.")
        {
            input, to, output, contact, wait, json, launcher, bundle, guest, factory,
        };
        foreach (var option in gateway.All)
        {
            command.Options.Add(option);
        }

        command.SetAction(async (parse, token) =>
        {
            var target = parse.GetValue(to)!;
            var job = TranslateVerb.ReadInput(parse.GetValue(input)!.ToString(), settings);
            var directory = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, job.Stem + "-" + target);
            var artifacts = () => TranslateVerb.Artifacts(settings, parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest));
            if (parse.GetValue(gateway.Gateway) is not null)
            {
                return await GatewaySubmit.RunAsync(parse, gateway, job, target, directory, parse.GetValue(contact), artifacts(), parse.GetValue(json), token).ConfigureAwait(false);
            }

            return target switch
            {
                "local" => await LocalAsync(settings, job, directory, parse.GetValue(guest), token).ConfigureAwait(false),
                "condor" => await CondorAsync(settings, job, directory, artifacts(), parse.GetValue(factory) ?? settings.Factory, token).ConfigureAwait(false),
                _ when parse.GetValue(wait) => await GramWaitAsync(settings, job, directory, parse.GetValue(contact), artifacts(), token).ConfigureAwait(false),
                _ => await GramAsync(settings, job, directory, parse.GetValue(contact), artifacts(), token).ConfigureAwait(false),
            };
        });
        return command;
    }

    /// <summary>Runs the work unit in this process with the launcher, in the new job directory, as <c>vmgrid run</c> does, recording it in the catalogue.</summary>
    private static async Task<int> LocalAsync(VmgridSettings settings, JobInput job, string directory, DirectoryInfo? guest, CancellationToken cancellationToken)
    {
        var unit = job.WorkUnit ?? throw new UserErrorException($"{job.Path}: --to local runs one work unit; submit a workflow --to condor");
        var id = Submitter(settings).CreateLocal(directory, unit.Name, Environment.ProcessId).Id;
        Console.Out.WriteLine($"job {id}: {unit.Name} in {directory}");
        var request = new RunRequest(guest?.FullName, BundleDirectory: null, Json: false, Keep: false, FromBootCheckpoint: false);
        var exitCode = await JobVerb.RunRecordedAsync(directory, request, recorded => RunVerb.RunUnitAsync(settings, unit, directory, directory, recorded, cancellationToken)).ConfigureAwait(false);
        Console.Out.WriteLine($"job {id}: exit code {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static async Task<int> CondorAsync(VmgridSettings settings, JobInput job, string directory, ShippedArtifacts artifacts, string? factory, CancellationToken cancellationToken)
    {
        if (job.Workflow is not null && DagNodeLog.IsRefused(Path.GetFullPath(directory)))
        {
            throw new UserErrorException(DagNodeLog.Reason(Path.GetFullPath(directory)) + "; give -o DIR outside /tmp");
        }

        var tool = job.Workflow is null ? "condor_submit" : "condor_submit_dag";
        var program = ProgramSearch.Find(tool, settings.SearchPath)
            ?? throw new UserErrorException($"{tool} not found on PATH: HTCondor is not installed here; use vmgrid translate {job.Path} --to {(job.Workflow is null ? "condor" : "dag")} and submit the result on an HTCondor submit host");
        using var content = TranslateVerb.ConnectFactory(factory, "condor", settings);
        var description = await JobWriter.WriteAsync(job, job.Workflow is null ? "condor" : "dag", directory, artifacts, null, content, TranslateVerb.Progress, cancellationToken).ConfigureAwait(false);
        if (job.Workflow is not null)
        {
            return await RunToolAsync(settings, program, [Path.GetFileName(description)], directory, cancellationToken).ConfigureAwait(false);
        }

        return await StartAsync(settings, job, directory, new JobTicket(NewId(job), job.WorkUnit!.Name, "condor", DateTimeOffset.UtcNow), cancellationToken).ConfigureAwait(false);
    }

    // Returns at once: the RSL stages by file:// from the job directory, which the job manager reads where the gatekeeper runs
    // (this host, or a shared file system); --wait stages through globusrun's GASS server instead, which lives only as long as it waits.
    private static async Task<int> GramAsync(VmgridSettings settings, JobInput job, string directory, string? contact, ShippedArtifacts artifacts, CancellationToken cancellationToken)
    {
        contact = RequireContact(settings, contact);
        _ = ProgramSearch.Find("globusrun", settings.SearchPath) ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var target = Path.GetFullPath(directory);
        await JobWriter.WriteAsync(job, "rsl", target, artifacts, "file://" + target, null, TranslateVerb.Progress, cancellationToken).ConfigureAwait(false);
        var ticket = new JobTicket(NewId(job), job.WorkUnit!.Name, "rsl", DateTimeOffset.UtcNow) { Gatekeeper = contact };
        return await StartAsync(settings, job, target, ticket, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> StartAsync(VmgridSettings settings, JobInput job, string directory, JobTicket ticket, CancellationToken cancellationToken)
    {
        ticket = await Submitter(settings).StartAsync(directory, ticket, VmgridCommand.Self(), cancellationToken).ConfigureAwait(false);
        var handle = JobSubmitter.Handle(ticket);
        Console.Out.WriteLine($"job {ticket.Id}: {job.WorkUnit!.Name} submitted --to {ticket.Target}; {(ticket.Target == "rsl" ? "GRAM job " : "HTCondor job ")}{handle}; job directory {directory}");
        return ExitCodes.Success;
    }

    private static async Task<int> GramWaitAsync(VmgridSettings settings, JobInput job, string directory, string? contact, ShippedArtifacts artifacts, CancellationToken cancellationToken)
    {
        contact = RequireContact(settings, contact);
        var globusrun = ProgramSearch.Find("globusrun", settings.SearchPath) ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var rsl = await JobWriter.WriteAsync(job, "rsl", directory, artifacts, null, null, TranslateVerb.Progress, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"job directory {directory}; submitting {rsl} to {contact}");
        var exitCode = await RunToolAsync(settings, globusrun, ["-w", "-r", contact, "-f", rsl], directory, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"globusrun exited {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static string RequireContact(VmgridSettings settings, string? contact)
    {
        contact ??= settings.GramContact;
        return string.IsNullOrWhiteSpace(contact)
            ? throw new UserErrorException($"--to rsl needs a gatekeeper contact: pass --contact HOST:PORT/SERVICE or set ${VmgridSettings.GramContactVariable}")
            : contact;
    }

    private static string NewId(JobInput job) => Remote.Gateways.GatewayJobs.NewId(job.WorkUnit?.Name ?? job.Stem);

    /// <summary>Returns the library that creates, starts and records jobs, with this command's catalogue, process runner and clock.</summary>
    internal static JobSubmitter Submitter(VmgridSettings settings) => new(settings.CataloguePath, settings.Runner, TimeProvider.System);

    /// <summary>Hands the job to condor_submit_dag or globusrun -w, which share vmgrid's terminal; SIGINT stops the tool (exit 143).</summary>
    private static async Task<int> RunToolAsync(VmgridSettings settings, string program, IReadOnlyList<string> arguments, string directory, CancellationToken cancellationToken)
    {
        using var interrupt = new Interrupt(cancellationToken);
        try
        {
            var result = await settings.Runner.RunAsync(new ProcessCommand(program, arguments) { WorkingDirectory = directory, InheritStreams = true }, interrupt.Token).ConfigureAwait(false);
            return result.ExitCode;
        }
        catch (ProcessFailedException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (OperationCanceledException) when (interrupt.Requested)
        {
            Console.Error.WriteLine($"vmgrid: {Path.GetFileName(program)} stopped (SIGINT)");
            return LaunchExitCodes.Killed;
        }
    }
}
