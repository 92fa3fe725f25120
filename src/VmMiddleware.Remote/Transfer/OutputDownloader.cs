using Renci.SshNet.Common;
using VmMiddleware.Host.Hashing;
using VmMiddleware.Host.Progress;
using VmMiddleware.Remote.Gateways;
using VmMiddleware.Remote.Jobs;

namespace VmMiddleware.Remote.Transfer;

/// <summary>Brings a job's outputs back from the gateway: files already here whole are skipped, a partial download (NAME.vmgrid-partial) continues from its length, and every file is checked against its SHA-256 before it takes its name.</summary>
public static class OutputDownloader
{
    /// <summary>The suffix of a download in progress.</summary>
    public const string PartialSuffix = ".vmgrid-partial";

    private const int ChunkBytes = 256 * 1024;

    /// <summary>Downloads <paramref name="files"/> from <paramref name="remoteDirectory"/>/out into <paramref name="localOutputs"/>.</summary>
    /// <exception cref="RemoteException">A path is unsafe, a file arrived corrupt, or the connection was lost (what arrived is kept).</exception>
    public static FetchReport Download(GatewaySession session, string remoteDirectory, IReadOnlyList<OutputFile> files, string localOutputs, Action<TransferProgress> progress, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(progress);
        foreach (var file in files.Where(f => !OutputFile.IsSafe(f.Path)))
        {
            throw new RemoteException($"the gateway lists the output '{file.Path}', which is not a plain relative path; refusing to write it");
        }

        var present = files.Where(f => IsHere(Path.Combine(localOutputs, f.Path), f)).ToList();
        var missing = files.Except(present).ToList();
        long Resumed(OutputFile f) => new FileInfo(Path.Combine(localOutputs, f.Path) + PartialSuffix) is { Exists: true } partial && partial.Length <= f.Length ? partial.Length : 0;
        var resumed = missing.Sum(Resumed);
        var transfer = new TransferProgress("fetch", missing.Sum(f => f.Length), resumed, time);
        foreach (var file in missing)
        {
            Receive(session, remoteDirectory, file, Path.Combine(localOutputs, file.Path), Resumed(file), transfer, progress, cancellationToken);
        }

        return new FetchReport(files.Count, files.Sum(f => f.Length), transfer.DoneBytes - resumed, resumed, present.Sum(f => f.Length));
    }

    private static bool IsHere(string path, OutputFile file) =>
        new FileInfo(path) is { Exists: true } info && info.Length == file.Length && FileDigest.Sha256Hex(path) == file.Sha256;

    private static void Receive(GatewaySession session, string remoteDirectory, OutputFile file, string target, long offset, TransferProgress transfer, Action<TransferProgress> progress, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + PartialSuffix;
        try
        {
            using (var local = new FileStream(partial, offset == 0 ? FileMode.Create : FileMode.OpenOrCreate, FileAccess.Write))
            using (var remote = session.Files.OpenRead($"{remoteDirectory}/{JobFiles.Outputs}/{file.Path}"))
            {
                local.Seek(offset, SeekOrigin.Begin);
                remote.Seek(offset, SeekOrigin.Begin);
                var buffer = new byte[ChunkBytes];
                int read;
                while ((read = remote.Read(buffer, 0, buffer.Length)) > 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    local.Write(buffer, 0, read);
                    transfer.Add(read);
                    progress(transfer);
                }

                local.Flush(flushToDisk: true);
            }
        }
        catch (SftpPathNotFoundException e)
        {
            throw new RemoteException($"the output {file.Path} is not on {session.Options.Address} any more", e);
        }
        catch (Exception e) when (e is SshException or System.Net.Sockets.SocketException or ObjectDisposedException)
        {
            throw new RemoteException($"the connection to {session.Options.Address} was lost while fetching {file.Path}; what arrived is kept: run vmgrid fetch again to resume ({e.Message.ReplaceLineEndings(" ")})", e);
        }

        var actual = FileDigest.Sha256Hex(partial, cancellationToken: cancellationToken);
        if (actual != file.Sha256)
        {
            File.Delete(partial);
            throw new RemoteException($"the output {file.Path} arrived with SHA-256 {actual} instead of {file.Sha256}; removed: run vmgrid fetch again");
        }

        File.Move(partial, target, overwrite: true);
    }
}
