using System.CommandLine;
using System.Globalization;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Translation.Dag;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submit INPUT [--to condor|rsl|local]</c>: translate, then hand the job to condor_submit, to globusrun, or run it here.</summary>
internal static class SubmitVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A work-unit XML file, a workflow XML file (condor only, as a DAG) or an HTCondor submit file." };
        var to = TranslateVerb.ToOption(["condor", "rsl", "local"], "Where the job runs: HTCondor (condor_submit or condor_submit_dag), GRAM5 (globusrun), or this host (the launcher).");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The new job directory (default: INPUT's stem and the target, such as hello-local, in the current directory)." };
        var contact = new Option<string?>("--contact") { Description = $"RSL: the gatekeeper contact (default: ${VmgridSettings.GramContactVariable})." };
        var (launcher, bundle, guest) = TranslateVerb.ArtifactOptions();
        var command = new Command("submit", "Translate INPUT and submit it: condor_submit (HTCondor), globusrun (GRAM5, waits and stages the outputs back) or a local run of the launcher.")
        {
            input, to, output, contact, launcher, bundle, guest,
        };
        command.SetAction(async (parse, token) =>
        {
            var target = parse.GetValue(to)!;
            var job = JobInput.Read(parse.GetValue(input)!.ToString(), settings);
            var directory = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, job.Stem + "-" + target);
            if (target == "local")
            {
                return await LocalAsync(settings, job, directory, parse.GetValue(guest), token).ConfigureAwait(false);
            }

            var artifacts = ShippedArtifacts.From(settings, parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest));
            return target == "condor"
                ? await CondorAsync(settings, job, directory, artifacts, token).ConfigureAwait(false)
                : await GramAsync(settings, job, directory, parse.GetValue(contact), artifacts, token).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>Runs the work unit in this process with the launcher, in the new job directory, as <c>vmgrid run</c> does.</summary>
    private static async Task<int> LocalAsync(VmgridSettings settings, JobInput job, string directory, DirectoryInfo? guest, CancellationToken cancellationToken)
    {
        var unit = job.WorkUnit ?? throw new UserErrorException($"{job.Path}: --to local runs one work unit; submit a workflow --to condor");
        if (Directory.Exists(directory) && Directory.EnumerateFileSystemEntries(directory).Any())
        {
            throw new UserErrorException($"{directory} already exists and is not empty; expected a new job directory");
        }

        Directory.CreateDirectory(directory);
        var id = "local-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "-" + Path.GetFileName(directory);
        Console.Out.WriteLine($"job {id}: {unit.Name} in {directory}");
        var request = new RunRequest(guest?.FullName, BundleDirectory: null, Json: false, Keep: false, FromBootCheckpoint: false);
        var exitCode = await RunVerb.RunUnitAsync(settings, unit, directory, directory, request, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"job {id}: exit code {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static async Task<int> CondorAsync(VmgridSettings settings, JobInput job, string directory, ShippedArtifacts artifacts, CancellationToken cancellationToken)
    {
        if (job.Workflow is not null && DagNodeLog.IsRefused(Path.GetFullPath(directory)))
        {
            throw new UserErrorException(DagNodeLog.Reason(Path.GetFullPath(directory)) + "; give -o DIR outside /tmp");
        }

        var tool = job.Workflow is null ? "condor_submit" : "condor_submit_dag";
        var program = ProgramSearch.Find(tool, settings.SearchPath)
            ?? throw new UserErrorException($"{tool} not found on PATH: HTCondor is not installed here; use vmgrid translate {job.Path} --to {(job.Workflow is null ? "condor" : "dag")} and submit the result on an HTCondor submit host");
        var description = await JobWriter.WriteAsync(job, job.Workflow is null ? "condor" : "dag", directory, artifacts, null, TranslateVerb.Progress, cancellationToken).ConfigureAwait(false);
        return await RunToolAsync(settings, program, [Path.GetFileName(description)], directory, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> GramAsync(VmgridSettings settings, JobInput job, string directory, string? contact, ShippedArtifacts artifacts, CancellationToken cancellationToken)
    {
        contact ??= settings.GramContact;
        if (string.IsNullOrWhiteSpace(contact))
        {
            throw new UserErrorException($"--to rsl needs a gatekeeper contact: pass --contact HOST:PORT/SERVICE or set ${VmgridSettings.GramContactVariable}");
        }

        var globusrun = ProgramSearch.Find("globusrun", settings.SearchPath) ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var rsl = await JobWriter.WriteAsync(job, "rsl", directory, artifacts, null, TranslateVerb.Progress, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"job directory {directory}; submitting {rsl} to {contact}");
        var exitCode = await RunToolAsync(settings, globusrun, ["-w", "-r", contact, "-f", rsl], directory, cancellationToken).ConfigureAwait(false);
        Console.Out.WriteLine($"globusrun exited {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    /// <summary>Hands the job to condor_submit or globusrun, which share vmgrid's terminal; SIGINT stops the tool (exit 143).</summary>
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
