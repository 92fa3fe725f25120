using System.Security.Cryptography;
using System.Text.Json;
using VmMiddleware.Host.Progress;
using VmMiddleware.Remote.Jobs;
using VmMiddleware.Remote.Transfer;

namespace VmMiddleware.Remote.Gateways;

/// <summary>Submits a translated job directory to a gateway and follows it there: upload what the gateway lacks, have <c>vmgrid job stage</c> store it and build the job directory from the blob store, and run <c>vmgrid job</c> on the gateway (the job's own launcher, or the vmgrid installed there).</summary>
/// <param name="session">The gateway.</param>
/// <param name="time">The clock for transfer rates.</param>
public sealed class GatewayJobs(GatewaySession session, TimeProvider time)
{
    /// <summary>Returns a new job id: the work unit's name and 8 random hex digits.</summary>
    public static string NewId(string name) => name + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary>Returns the directory job <paramref name="id"/> gets on the gateway (known before the upload, so a GRAM request can name it).</summary>
    public string DirectoryOf(string id) => GatewayLayout.Job(session.Root, id);

    /// <summary>Uploads and starts the job in <paramref name="localDirectory"/>.</summary>
    /// <param name="localDirectory">The translated job directory here.</param>
    /// <param name="id">The job id on the gateway (<see cref="NewId"/>), which names its directory there.</param>
    /// <param name="name">The work unit's name.</param>
    /// <param name="target">local, rsl or condor.</param>
    /// <param name="contact">The GRAM gatekeeper contact for rsl, or null for the gateway's default.</param>
    /// <param name="say">Receives one line per step.</param>
    /// <param name="progress">Receives the upload's progress.</param>
    /// <param name="cancellationToken">Stops the upload between chunks.</param>
    /// <exception cref="RemoteException">A step failed; the message says which and why.</exception>
    public GatewaySubmission Submit(string localDirectory, string id, string name, string target, string? contact, Action<string> say, Action<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var (remoteDirectory, vmgrid, upload) = Place(localDirectory, id, say, progress, cancellationToken);
        var arguments = new List<string> { vmgrid, "job", "start", "--job-dir", remoteDirectory, "--to", target, "--id", id, "--name", name, "--json" };
        if (contact is not null)
        {
            arguments.AddRange(["--contact", contact]);
        }

        var output = session.RunOrThrow(ShellQuote.Words(arguments), $"starting job {id}");
        var ticket = Parse(output, JobsJsonContext.Default.JobTicket, "job start");
        return new GatewaySubmission($"{session.Options.Address}/{id}", remoteDirectory, vmgrid, ticket, upload);
    }

    /// <summary>Uploads what the gateway lacks and has it build job <paramref name="id"/>'s directory from its blob store; returns that directory, the vmgrid to run there and what the upload moved.</summary>
    internal (string Directory, string Vmgrid, UploadReport Upload) Place(string localDirectory, string id, Action<string> say, Action<TransferProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(say);
        var files = JobDirectoryScanner.Scan(localDirectory, say, cancellationToken);
        var launcher = files.FirstOrDefault(f => f.RelativePath == "vmgrid");
        // The job's own launcher stores the rest, so it is sent first and checked by the gateway's sha256sum; a job without one uses
        // the gateway's vmgrid. Each content enters the store as soon as it arrived: partial/ only ever holds unfinished uploads.
        var stager = launcher is not null
            ? GatewayLayout.Blob(session.Root, launcher.Sha256)
            : session.Run("command -v vmgrid").Stdout.Trim() is { Length: > 0 } installed
                ? installed
                : throw new RemoteException($"{session.Options.Address} has no vmgrid on PATH and the job ships none: pass --launcher with a published vmgrid");
        void Arrived(JobFile file)
        {
            if (file == launcher)
            {
                ContentUploader.CommitByShell(session, file);
            }
            else if (JobAssembler.Stage(session, stager, null, [file], null).Corrupt is [var corrupt, ..])
            {
                throw ContentUploader.Corrupt(session, corrupt);
            }
        }

        IReadOnlyList<JobFile> ordered = [.. files.OrderBy(f => f != launcher)];
        var upload = ContentUploader.Upload(session, ordered, progress, time, Arrived, cancellationToken);
        var staged = JobAssembler.Stage(session, stager, id, files, session.Options.RemoteCacheBytes);
        for (var round = 0; staged.Directory is null && staged.Corrupt.Count == 0 && round < 2; round++)
        {
            // Contents another stage evicted since the upload asked: send them and stage again.
            var missing = staged.Missing.ToHashSet(StringComparer.Ordinal);
            upload = upload.Then(ContentUploader.Upload(session, [.. ordered.Where(f => missing.Contains(f.Sha256))], progress, time, Arrived, cancellationToken));
            staged = JobAssembler.Stage(session, stager, id, files, session.Options.RemoteCacheBytes);
        }

        if (staged.Corrupt.Count > 0)
        {
            throw ContentUploader.Corrupt(session, staged.Corrupt[0]);
        }

        var remoteDirectory = staged.Directory ?? throw new RemoteException(
            $"{session.Options.Address} evicted contents of job {id} as fast as they were uploaded ({staged.Missing.Count} still missing): raise --remote-cache-size or run the same command again");
        say($"upload: {upload.SentBytes} bytes sent, {upload.ResumedBytes} resumed, {upload.PresentBytes} already on the gateway, of {upload.TotalBytes}");
        if (staged.Evicted.Count > 0)
        {
            say($"the gateway's blob store evicted {staged.Evicted.Count} least recently used contents to stay under its cap");
        }

        return (remoteDirectory, launcher is not null ? remoteDirectory + "/vmgrid" : stager, upload);
    }

    /// <summary>Returns the report of the job in <paramref name="remoteDirectory"/> as the gateway's vmgrid sees it.</summary>
    public JobReport Report(string vmgrid, string remoteDirectory) =>
        Parse(session.RunOrThrow(ShellQuote.Words([vmgrid, "job", "status", "--job-dir", remoteDirectory, "--json"]), "job status"), JobsJsonContext.Default.JobReport, "job status");

    /// <summary>Cancels the job in <paramref name="remoteDirectory"/> and returns its report afterwards.</summary>
    public JobReport Cancel(string vmgrid, string remoteDirectory) =>
        Parse(session.RunOrThrow(ShellQuote.Words([vmgrid, "job", "cancel", "--job-dir", remoteDirectory, "--json"]), "job cancel"), JobsJsonContext.Default.JobReport, "job cancel");

    /// <summary>Brings the outputs of a final job back into <paramref name="localOutputs"/>.</summary>
    public FetchReport Fetch(string remoteDirectory, JobReport report, string localOutputs, Action<TransferProgress> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return OutputDownloader.Download(session, remoteDirectory, report.Outputs, localOutputs, progress, time, cancellationToken);
    }

    private T Parse<T>(string json, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, string what)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type) ?? throw new JsonException("null");
        }
        catch (JsonException e)
        {
            throw new RemoteException($"vmgrid {what} on {session.Options.Address} answered something else than its JSON ({e.Message}); is the vmgrid there an older version?", e);
        }
    }
}
