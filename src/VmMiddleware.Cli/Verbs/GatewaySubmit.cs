using System.CommandLine;
using System.Text.Json.Nodes;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Translation.Input;
using VmMiddleware.Translation.Staging;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid submit INPUT --gateway user@host[:port] --to local|rsl|condor</c>: translate here, upload what the gateway lacks, start the job there and return at once with an id that names the gateway.</summary>
internal static class GatewaySubmit
{
    public static async Task<int> RunAsync(ParseResult parse, GatewayArguments gateway, JobInput job, string target, string directory, string? contact, ShippedArtifacts artifacts, bool json, CancellationToken token)
    {
        var unit = job.WorkUnit ?? throw new UserErrorException($"{job.Path}: submit --gateway sends one work unit; translate a workflow --to dag and submit it on the gateway");
        var options = gateway.Read(parse, parse.GetValue(gateway.Gateway)!, null);
        var say = (string line) => Console.Error.WriteLine("vmgrid: " + line);
        using var session = GatewaySession.Open(options);
        say($"connected to {options.Address} (host key checked); gateway root {session.Root}");
        var jobs = new GatewayJobs(session, TimeProvider.System);
        var id = GatewayJobs.NewId(unit.Name);
        var remoteDirectory = jobs.DirectoryOf(id);

        // A local job runs the execute-side work unit as an HTCondor job would (the same flat layout); a GRAM job stages
        // by file:// from its directory on the gateway, so the job manager needs no GASS server that outlives this command.
        var form = target == "rsl" ? "rsl" : "condor";
        await JobWriter.WriteAsync(job, form, directory, artifacts, target == "rsl" ? "file://" + remoteDirectory : null, null, TranslateVerb.Progress, token).ConfigureAwait(false);
        var printer = new TransferPrinter(TimeProvider.System);
        GatewaySubmission submission;
        try
        {
            submission = jobs.Submit(directory, id, unit.Name, target, contact, say, printer.Report, token);
        }
        catch
        {
            // The same command again must work: what reached the gateway is kept there (partial blobs), the translation here is redone.
            Directory.Delete(directory, recursive: true);
            throw;
        }

        SubmitVerb.Submitter(gateway.Settings).RecordGateway(submission, unit.Name, target, directory, options);
        if (json)
        {
            Console.Out.WriteLine(new JsonObject
            {
                ["id"] = submission.Id,
                ["gateway"] = options.Address.ToString(),
                ["target"] = target,
                ["localDirectory"] = directory,
                ["remoteDirectory"] = submission.RemoteDirectory,
                ["gramJob"] = submission.Ticket.GramJob,
                ["condorJob"] = submission.Ticket.CondorJob,
                ["upload"] = new JsonObject
                {
                    ["files"] = submission.Upload.Files,
                    ["totalBytes"] = submission.Upload.TotalBytes,
                    ["sentBytes"] = submission.Upload.SentBytes,
                    ["resumedBytes"] = submission.Upload.ResumedBytes,
                    ["presentBytes"] = submission.Upload.PresentBytes,
                },
            }.ToJsonString());
        }
        else
        {
            var handle = submission.Ticket.GramJob is { } gram ? "; GRAM job " + gram : submission.Ticket.CondorJob is { } condor ? "; HTCondor job " + condor : string.Empty;
            Console.Out.WriteLine($"job {submission.Id}: {unit.Name} submitted --to {target}{handle}; follow it with vmgrid status {submission.Id}");
        }

        return ExitCodes.Success;
    }
}
