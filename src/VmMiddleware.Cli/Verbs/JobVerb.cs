using System.CommandLine;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Processes;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid job start|status|cancel|supervise --job-dir DIR</c> and <c>vmgrid job stage</c>: the job-directory side of submit, status and cancel, run on the machine that holds the directory (over SSH on a gateway).</summary>
internal static class JobVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("job", "Start, follow or cancel the job of a translated job directory on this machine; vmgrid submit --gateway, status, fetch and cancel run it on the gateway over SSH.");
        command.Subcommands.Add(Start(settings));
        command.Subcommands.Add(Status(settings));
        command.Subcommands.Add(Cancel(settings));
        command.Subcommands.Add(Supervise(settings));
        command.Subcommands.Add(Stage());
        return command;
    }

    private static Option<DirectoryInfo> JobDir() => new("--job-dir") { Description = "The job directory.", Required = true };

    private static Option<bool> Json() => new("--json") { Description = "Print JSON." };

    private static Command Start(VmgridSettings settings)
    {
        var dir = JobDir();
        var to = TranslateVerb.ToOption(["local", "rsl", "condor"], "How the job runs: the launcher detached on this host, GRAM5 (globusrun -b) or HTCondor (condor_submit).");
        var id = new Option<string>("--id") { Description = "The job id.", Required = true };
        var name = new Option<string>("--name") { Description = "The work unit's name.", Required = true };
        var contact = new Option<string?>("--contact") { Description = $"RSL: the gatekeeper contact (default: ${VmgridSettings.GramContactVariable})." };
        var json = Json();
        var command = new Command("start", "Start the job in a translated job directory and return at once; prints the job's ticket.") { dir, to, id, name, contact, json };
        command.SetAction(async (parse, token) =>
        {
            var directory = Existing(parse.GetValue(dir)!);
            var target = parse.GetValue(to)!;
            var gatekeeper = parse.GetValue(contact) ?? settings.GramContact;
            if (target == "rsl" && string.IsNullOrWhiteSpace(gatekeeper))
            {
                throw new UserErrorException($"--to rsl needs a gatekeeper contact: pass --contact HOST:PORT/SERVICE or set ${VmgridSettings.GramContactVariable}");
            }

            var ticket = new JobTicket(parse.GetValue(id)!, parse.GetValue(name)!, target, DateTimeOffset.UtcNow) { Gatekeeper = target == "rsl" ? gatekeeper : null };
            ticket = await new JobStarter(settings.Runner, TimeProvider.System).StartAsync(directory, ticket, VmgridCommand.Self(), token).ConfigureAwait(false);
            Console.Out.WriteLine(parse.GetValue(json) ? JobJson.Write(ticket) : $"job {ticket.Id} started ({ticket.GramJob ?? ticket.CondorJob ?? "local launcher"})");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(VmgridSettings settings)
    {
        var dir = JobDir();
        var json = Json();
        var command = new Command("status", "Report where the job of a job directory stands, and its outputs once it is final.") { dir, json };
        command.SetAction(async (parse, token) =>
        {
            var report = await new JobFollower(settings.Runner, TimeProvider.System).ReportAsync(Existing(parse.GetValue(dir)!), token).ConfigureAwait(false);
            JobReportPrinter.Print(report.Ticket.Id, report, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Cancel(VmgridSettings settings)
    {
        var dir = JobDir();
        var json = Json();
        var grace = new Option<int>("--grace") { Description = "Seconds the launcher gets to stop its VM after SIGINT before SIGKILL (default 60).", DefaultValueFactory = _ => 60 };
        var command = new Command("cancel", "Cancel the job of a job directory and wait until it has stopped.") { dir, json, grace };
        command.SetAction(async (parse, token) =>
        {
            var report = await new JobFollower(settings.Runner, TimeProvider.System)
                .CancelAsync(Existing(parse.GetValue(dir)!), TimeSpan.FromSeconds(Math.Max(0, parse.GetValue(grace))), token).ConfigureAwait(false);
            JobReportPrinter.Print(report.Ticket.Id, report, parse.GetValue(json));
            return ExitCodes.Success;
        });
        return command;
    }

    // The detached process that job start launches for a local job: it runs the launcher in-process and records the outcome.
    private static Command Supervise(VmgridSettings settings)
    {
        var dir = JobDir();
        var command = new Command("supervise", "Run the job's launcher in this process and record its pid, result and exit code in the job directory (job start runs it detached).") { dir };
        command.SetAction(async (parse, token) =>
        {
            var directory = Existing(parse.GetValue(dir)!);
            var request = new RunRequest(GuestDirectory: null, BundleDirectory: null, Json: false, Keep: false, FromBootCheckpoint: false);
            return await RunRecordedAsync(directory, request, recorded => RunVerb.RunFileAsync(settings, new FileInfo(Path.Combine(directory, "workunit.xml")), directory, recorded, token)).ConfigureAwait(false);
        });
        return command;
    }

    // What vmgrid submit --gateway runs on the gateway once the uploads are there: store them, build the job directory from links, trim.
    private static Command Stage()
    {
        var root = new Option<DirectoryInfo>("--root") { Description = "The gateway root (blobs/, partial/, jobs/).", Required = true };
        var id = new Option<string?>("--id") { Description = "The job id, which names its directory under jobs/; without it, only store the complete uploads." };
        var cap = new Option<string?>("--cap") { Description = "Trim the blob store to this size (bytes, or a number with K, M, G or T); default 20G." };
        var files = new Argument<string[]>("files") { Description = "The job's files, each HEX=PATH or HEX+x=PATH (executable).", Arity = ArgumentArity.OneOrMore };
        var command = new Command("stage", "Move complete uploads into this gateway's blob store (checking each SHA-256), build the job directory from hard links and trim the store to its cap; prints JSON.")
        {
            root, id, cap, files,
        };
        command.Hidden = true;
        command.SetAction(async (parse, token) =>
        {
            var capBytes = parse.GetValue(cap) is { } text ? CacheOptions.ParseSize(text) : GatewayStore.DefaultCapBytes;
            StageFile[] staged;
            try
            {
                staged = parse.GetValue(files)!.Select(StageFile.Parse).ToArray();
            }
            catch (FormatException e)
            {
                throw new UserErrorException("job stage: " + e.Message, e);
            }

            var options = GatewayStore.Options(parse.GetValue(root)!.FullName, TimeProvider.System);
            StageResult result;
            try
            {
                result = parse.GetValue(id) is { } job
                    ? await GatewayStager.StageAsync(options, capBytes, job, staged, token).ConfigureAwait(false)
                    : await GatewayStager.StoreAsync(options, staged, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ArgumentException or UnauthorizedAccessException)
            {
                throw new UserErrorException("job stage: " + e.Message, e);
            }

            Console.Out.WriteLine(GatewayStager.ToJson(result));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs the launcher through <paramref name="run"/> in <paramref name="directory"/> with its pid, result and exit code recorded there, so status and cancel can follow it.</summary>
    internal static async Task<int> RunRecordedAsync(string directory, RunRequest request, Func<RunRequest, Task<int>> run)
    {
        JobDirectory.WriteRunPid(directory, ProcessIdentity.Of(Environment.ProcessId) ?? throw new InvalidOperationException("cannot read this process's start time from /proc"));
        var exitCode = ExitCodes.InternalError;
        try
        {
            exitCode = await ExitCodes.RunAsync(() => run(request with { ResultFile = Path.Combine(directory, JobFiles.Result) })).ConfigureAwait(false);
            return exitCode;
        }
        finally
        {
            JobDirectory.WriteExit(directory, exitCode);
        }
    }

    private static string Existing(DirectoryInfo directory) =>
        directory.Exists ? directory.FullName : throw new UserErrorException($"--job-dir {directory.FullName}: the directory does not exist");
}
