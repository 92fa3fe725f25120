using System.Globalization;
using System.Text;
using Renci.SshNet.Common;
using VmMiddleware.Host.Progress;
using VmMiddleware.Remote.Gateways;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Uploads the contents a gateway lacks into ROOT/partial (<see cref="GatewayLayout"/>), continuing partial uploads from their length; the gateway's <c>vmgrid job stage</c> checks and stores them (<see cref="GatewayStager"/>), except the launcher that runs it, which <see cref="CommitByShell"/> checks with sha256sum.</summary>
public static class ContentUploader
{
    private const int ChunkBytes = 256 * 1024;

    /// <summary>Uploads the contents of <paramref name="files"/> that the gateway does not hold yet.</summary>
    /// <param name="session">The gateway.</param>
    /// <param name="files">The files; each distinct content is sent at most once.</param>
    /// <param name="progress">Receives the transfer's progress after each chunk.</param>
    /// <param name="time">The clock for rates.</param>
    /// <param name="arrived">Called once each content is complete on the gateway (to have it stored there).</param>
    /// <param name="cancellationToken">Stops between chunks; what arrived is kept for the next upload.</param>
    /// <exception cref="RemoteException">The connection was lost (what arrived is kept).</exception>
    public static UploadReport Upload(GatewaySession session, IReadOnlyList<JobFile> files, Action<TransferProgress> progress, TimeProvider time, Action<JobFile> arrived, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(progress);
        ArgumentNullException.ThrowIfNull(arrived);
        var contents = files.GroupBy(f => f.Sha256).Select(g => g.First()).ToList();
        var state = Query(session, contents.Select(c => c.Sha256));
        var missing = contents.Where(c => !state.Have.Contains(c.Sha256)).ToList();
        long Resumed(JobFile f) => state.Partial.TryGetValue(f.Sha256, out var n) && n <= f.Length ? n : 0;
        var total = contents.Sum(c => c.Length);
        var present = contents.Where(c => state.Have.Contains(c.Sha256)).Sum(c => c.Length);
        var resumed = missing.Sum(Resumed);
        var transfer = new TransferProgress("upload", missing.Sum(c => c.Length), resumed, time);
        foreach (var file in missing)
        {
            Send(session, file, Resumed(file), transfer, progress, cancellationToken);
            arrived(file);
        }

        return new UploadReport(files.Count, total, transfer.DoneBytes - resumed, resumed, present);
    }

    private static (HashSet<string> Have, Dictionary<string, long> Partial) Query(GatewaySession session, IEnumerable<string> hashes)
    {
        var script = new StringBuilder();
        script.Append(CultureInfo.InvariantCulture, $"mkdir -p {ShellQuote.Word(session.Root + "/" + GatewayLayout.Blobs)} {ShellQuote.Word(session.Root + "/" + GatewayLayout.Partial)} && cd {ShellQuote.Word(session.Root)} && for h in");
        foreach (var hash in hashes)
        {
            script.Append(' ').Append(hash);
        }

        script.Append($"; do if [ -f {GatewayLayout.Blobs}/$h ]; then echo \"$h have\"; elif [ -f {GatewayLayout.Partial}/$h ]; then echo \"$h $(wc -c < {GatewayLayout.Partial}/$h)\"; fi; done");
        var output = session.RunOrThrow(script.ToString(), "listing the gateway's blobs");
        var have = new HashSet<string>(StringComparer.Ordinal);
        var partial = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 2 && fields[1] == "have")
            {
                have.Add(fields[0]);
            }
            else if (fields.Length == 2 && long.TryParse(fields[1], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            {
                partial[fields[0]] = length;
            }
        }

        return (have, partial);
    }

    private static void Send(GatewaySession session, JobFile file, long offset, TransferProgress transfer, Action<TransferProgress> progress, CancellationToken cancellationToken)
    {
        var path = GatewayLayout.PartialBlob(session.Root, file.Sha256);
        var buffer = new byte[ChunkBytes];
        try
        {
            using var local = new FileStream(file.LocalPath, FileMode.Open, FileAccess.Read, FileShare.Read, ChunkBytes, FileOptions.SequentialScan);
            using var remote = session.Files.Open(path, offset == 0 ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write);
            remote.Seek(offset, SeekOrigin.Begin);
            local.Seek(offset, SeekOrigin.Begin);
            int read;
            while ((read = local.Read(buffer, 0, buffer.Length)) > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                remote.Write(buffer, 0, read);
                transfer.Add(read);
                progress(transfer);
            }

            remote.Flush();
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or ObjectDisposedException or IOException && e is not FileNotFoundException)
        {
            throw new RemoteException(
                $"the connection to {session.Options.Address} was lost while uploading {file.RelativePath} ({transfer.DoneBytes - transfer.Start} bytes sent this time; what arrived is kept on the gateway): run the same command again to resume ({OneLine(e.Message)})",
                e);
        }
    }

    /// <summary>Moves the complete upload of <paramref name="file"/> into the blob area after the gateway's sha256sum checked it (for the launcher, which must be there before the vmgrid that stores the rest can run); the next open of the store adopts it.</summary>
    /// <exception cref="RemoteException">It arrived corrupt (the partial upload is removed), or the command failed.</exception>
    public static void CommitByShell(GatewaySession session, JobFile file)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(file);
        var partial = $"{GatewayLayout.Partial}/{file.Sha256}";
        var blob = $"{GatewayLayout.Blobs}/{file.Sha256}";
        var mode = file.Executable ? "0555" : "0444";
        var script = $"cd {ShellQuote.Word(session.Root)} && h=$(sha256sum < {partial} | cut -d' ' -f1) && if [ \"$h\" = {file.Sha256} ]; then chmod {mode} {partial} && mv -f {partial} {blob}; else rm -f {partial}; echo \"got $h\" >&2; exit 3; fi";
        var result = session.Run(script);
        if (result.ExitCode == 3)
        {
            throw Corrupt(session, new CorruptUpload(file.RelativePath, file.Sha256, result.LastLine[4..]));
        }

        if (result.ExitCode != 0)
        {
            throw new RemoteException($"storing {file.RelativePath} on {session.Options.Address} failed (exit {result.ExitCode}): {result.LastLine}");
        }
    }

    /// <summary>Returns the one line that says <paramref name="upload"/> arrived corrupt.</summary>
    public static RemoteException Corrupt(GatewaySession session, CorruptUpload upload)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(upload);
        return new RemoteException($"{upload.RelativePath} arrived on {session.Options.Address} with SHA-256 {upload.Actual} instead of {upload.Sha256}; the partial upload was removed: run the same command again");
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ").Trim();
}
