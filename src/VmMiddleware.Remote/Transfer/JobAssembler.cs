using System.Text;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Builds a job directory on the gateway from blobs already there: one hard link per file, built beside its place and renamed into it.</summary>
public static class JobAssembler
{
    /// <summary>Creates ROOT/jobs/<paramref name="name"/> with every file of <paramref name="files"/> linked from its blob, plus an empty out/; returns its absolute path.</summary>
    /// <exception cref="RemoteException">The directory exists already, a blob is missing, or the connection was lost.</exception>
    public static string Assemble(GatewaySession session, string name, IReadOnlyList<JobFile> files)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        var job = GatewayLayout.Job(session.Root, name);
        var building = job + ".partial";
        var script = new StringBuilder("set -e\n");
        script.Append("[ ! -e ").Append(ShellQuote.Word(job)).Append(" ] || { echo 'the job directory exists already' >&2; exit 1; }\n");
        script.Append("rm -rf ").Append(ShellQuote.Word(building)).Append(" && mkdir -p ").Append(ShellQuote.Word(building + "/out")).Append('\n');
        foreach (var directory in files.Select(f => Path.GetDirectoryName(f.RelativePath)?.Replace('\\', '/')).Where(d => !string.IsNullOrEmpty(d)).Distinct())
        {
            script.Append("mkdir -p ").Append(ShellQuote.Word(building + "/" + directory)).Append('\n');
        }

        foreach (var file in files)
        {
            script.Append("ln ").Append(ShellQuote.Word(GatewayLayout.Blob(session.Root, file.Sha256))).Append(' ')
                .Append(ShellQuote.Word(building + "/" + file.RelativePath)).Append('\n');
        }

        script.Append("mv ").Append(ShellQuote.Word(building)).Append(' ').Append(ShellQuote.Word(job)).Append('\n');
        session.RunOrThrow(script.ToString(), "building the job directory " + job);
        return job;
    }
}
