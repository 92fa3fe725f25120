using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using VmMiddleware.Translation.Dag;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submit INPUT [--to condor|rsl|local]</c>: translate, then hand the job to condor_submit, to globusrun, or run it here.</summary>
internal static class SubmitVerb
{
    public const string ContactVariable = "VMMIDDLEWARE_GRAM_CONTACT";

    public static Command Create()
    {
        var input = new Argument<FileInfo>("INPUT") { Description = "A work-unit XML file, a workflow XML file (condor only, as a DAG) or an HTCondor submit file." };
        var to = TranslateVerb.ToOption(["condor", "rsl", "local"], "Where the job runs: HTCondor (condor_submit or condor_submit_dag), GRAM5 (globusrun), or this host (the launcher).");
        var output = new Option<DirectoryInfo?>("--output", "-o") { Description = "The new job directory (default: INPUT's stem and the target, such as hello-local, in the current directory)." };
        var contact = new Option<string?>("--contact") { Description = $"RSL: the gatekeeper contact (default: ${ContactVariable})." };
        var (launcher, bundle, guest) = TranslateVerb.ArtifactOptions();
        var command = new Command("submit", "Translate INPUT and submit it: condor_submit (HTCondor), globusrun (GRAM5, waits and stages the outputs back) or a local run of the launcher.")
        {
            input, to, output, contact, launcher, bundle, guest,
        };
        command.SetAction(async (parse, _) =>
        {
            var target = parse.GetValue(to)!;
            var job = JobInput.Read(parse.GetValue(input)!.ToString());
            var directory = parse.GetValue(output)?.FullName ?? Path.Combine(Environment.CurrentDirectory, job.Stem + "-" + target);
            return target switch
            {
                "local" => await LocalAsync(job, directory, parse.GetValue(guest)).ConfigureAwait(false),
                "condor" => Condor(job, directory, ShippedArtifacts.From(parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest))),
                _ => Gram(job, directory, parse.GetValue(contact), ShippedArtifacts.From(parse.GetValue(launcher), parse.GetValue(bundle), parse.GetValue(guest))),
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
        Console.Out.WriteLine($"job {id}: {unit.Name} in {directory}");
        var exitCode = await RunVerb.RunAsync(new FileInfo(file), directory, guest, bundleDir: null, json: false, keep: false, fromBootCheckpoint: false).ConfigureAwait(false);
        Console.Out.WriteLine($"job {id}: exit code {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
    }

    private static int Condor(JobInput job, string directory, ShippedArtifacts artifacts)
    {
        if (job.Workflow is not null && DagNodeLog.IsRefused(Path.GetFullPath(directory)))
        {
            throw new UserErrorException(DagNodeLog.Reason(Path.GetFullPath(directory)) + "; give -o DIR outside /tmp");
        }

        var tool = job.Workflow is null ? "condor_submit" : "condor_submit_dag";
        var program = ToolLocator.FindOnPath(tool)
            ?? throw new UserErrorException($"{tool} not found on PATH: HTCondor is not installed here; use vmgrid translate {job.Path} --to {(job.Workflow is null ? "condor" : "dag")} and submit the result on an HTCondor submit host");
        var description = JobWriter.Write(job, job.Workflow is null ? "condor" : "dag", directory, artifacts, null, TranslateVerb.Progress);
        return RunTool(program, [Path.GetFileName(description)], directory);
    }

    private static int Gram(JobInput job, string directory, string? contact, ShippedArtifacts artifacts)
    {
        contact ??= Environment.GetEnvironmentVariable(ContactVariable);
        if (string.IsNullOrWhiteSpace(contact))
        {
            throw new UserErrorException($"--to rsl needs a gatekeeper contact: pass --contact HOST:PORT/SERVICE or set ${ContactVariable}");
        }

        var globusrun = ToolLocator.FindOnPath("globusrun") ?? throw new UserErrorException("globusrun not found on PATH: install globus-gram-client-tools");
        var rsl = JobWriter.Write(job, "rsl", directory, artifacts, null, TranslateVerb.Progress);
        Console.Out.WriteLine($"job directory {directory}; submitting {rsl} to {contact}");
        var exitCode = RunTool(globusrun, ["-w", "-r", contact, "-f", rsl], directory);
        Console.Out.WriteLine($"globusrun exited {exitCode}; outputs in {Path.Combine(directory, "out")}");
        return exitCode;
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
