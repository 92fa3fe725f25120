using System.Collections.Concurrent;
using VmMiddleware.Host.Hashing;

namespace VmMiddleware.Factory.Artifacts;

/// <summary>
/// The files the service publishes by content address: the regular files directly in the artifact directory (the launcher, the QEMU
/// bundle, the reference guest archive), each known by its SHA-256. A file is hashed once per size and modification time, on the
/// thread pool when first asked about, so replacing a file publishes the new one.
/// </summary>
/// <param name="directory">The artifact directory (it need not exist: then nothing is published).</param>
internal sealed class ArtifactCatalogue(string directory)
{
    private readonly ConcurrentDictionary<string, (long Size, DateTime Modified, Task<string> Sha256)> _sums = new(StringComparer.Ordinal);

    /// <summary>Returns the path of the published file whose SHA-256 is <paramref name="sha256"/>, or null.</summary>
    public async Task<string?> FindAsync(string sha256, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return null;
        }

        foreach (var file in new DirectoryInfo(directory).EnumerateFiles().Where(f => (f.Attributes & FileAttributes.Hidden) == 0))
        {
            var entry = _sums.AddOrUpdate(
                file.FullName,
                _ => Sum(file),
                (_, known) => known.Size == file.Length && known.Modified == file.LastWriteTimeUtc && !known.Sha256.IsFaulted ? known : Sum(file));
            if (await entry.Sha256.WaitAsync(cancellationToken).ConfigureAwait(false) == sha256)
            {
                return file.FullName;
            }
        }

        return null;
    }

    private static (long, DateTime, Task<string>) Sum(FileInfo file) =>
        (file.Length, file.LastWriteTimeUtc, Task.Run(() => FileDigest.Sha256HexAsync(file.FullName)));
}
