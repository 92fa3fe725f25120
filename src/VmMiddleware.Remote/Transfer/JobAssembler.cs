using System.Globalization;
using System.Text.Json;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Has the gateway build a job directory from its blob store: one <c>vmgrid job stage</c> (<see cref="GatewayStager"/>) stores the complete uploads, links every file into ROOT/jobs/ID and trims the store to its cap.</summary>
public static class JobAssembler
{
    /// <summary>Runs <c>vmgrid job stage</c> on the gateway for job <paramref name="name"/> and returns what it did (the directory, or what it lacks); without a name it only stores the complete uploads of <paramref name="files"/>.</summary>
    /// <param name="session">The gateway.</param>
    /// <param name="vmgrid">The vmgrid that runs there (an installed one, or the job's launcher in the blob area).</param>
    /// <param name="name">The job id, or null to store uploads only.</param>
    /// <param name="files">The job's files.</param>
    /// <param name="capBytes">The cap to trim the store to, or null for the gateway's default.</param>
    /// <exception cref="RemoteException">The command failed (the job directory exists already, an older vmgrid without stage), or the connection was lost.</exception>
    public static StageResult Stage(GatewaySession session, string vmgrid, string? name, IReadOnlyList<JobFile> files, long? capBytes)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        var arguments = new List<string> { vmgrid, "job", "stage", "--root", session.Root };
        if (name is not null)
        {
            arguments.AddRange(["--id", name]);
        }

        if (capBytes is { } cap)
        {
            arguments.AddRange(["--cap", cap.ToString(CultureInfo.InvariantCulture)]);
        }

        arguments.AddRange(files.Select(f => new StageFile(f.RelativePath, f.Sha256, f.Executable).Format()));
        var output = session.RunOrThrow(ShellQuote.Words(arguments), name is null ? "storing uploads" : "building the job directory " + GatewayLayout.Job(session.Root, name));
        try
        {
            return GatewayStager.FromJson(output);
        }
        catch (JsonException e)
        {
            throw new RemoteException($"vmgrid job stage on {session.Options.Address} answered something else than its JSON ({e.Message}); is the vmgrid there an older version?", e);
        }
    }
}
