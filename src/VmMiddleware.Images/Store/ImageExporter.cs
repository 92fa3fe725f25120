using VmMiddleware.Images.Dag;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Images.Store;

/// <summary>Exports a stored state: flattened into one file in any <see cref="ExportFormat"/>, or as its qcow2 layer chain; atomically, with SHA-256 sums.</summary>
/// <param name="store">The store to export from.</param>
public sealed class ImageExporter(LayerStore store)
{
    /// <summary>Writes state <paramref name="stateId"/> flattened to <paramref name="outputPath"/> and its sum to <paramref name="outputPath"/>.sha256.</summary>
    /// <param name="stateId">The state to export.</param>
    /// <param name="format">The output format.</param>
    /// <param name="outputPath">The file to write; replaced atomically.</param>
    /// <param name="cancellationToken">Cancels the conversion (nothing is left behind).</param>
    public async Task<ExportResult> FlattenAsync(string stateId, ExportFormat format, string outputPath, CancellationToken cancellationToken = default)
    {
        // Leased (and touched) while it is read, so no eviction takes the chain from under qemu-img.
        using var lease = store.Lease(stateId) ?? throw new ArgumentException("no state " + stateId, nameof(stateId));
        var state = store.Find(stateId) ?? throw new ArgumentException("no state " + stateId, nameof(stateId));
        var output = Path.GetFullPath(outputPath);
        var temp = Path.Combine(Path.GetDirectoryName(output)!, ".tmp-" + Path.GetFileName(output) + "-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await store.QemuImg.ConvertAsync(state.LayerPath, temp, Name(format), "qcow2", cancellationToken: cancellationToken).ConfigureAwait(false);
            var sum = ContentHasher.HashFile(temp);
            DurableFile.CommitRename(temp, output, overwrite: true);
            DurableFile.WriteAllBytes(output + ".sha256", System.Text.Encoding.ASCII.GetBytes($"{sum}  {Path.GetFileName(output)}\n"));
            return new ExportResult(output, format, sum, [KeyValuePair.Create(output, sum)]);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>Copies state <paramref name="stateId"/>'s qcow2 chain into the new directory <paramref name="outputDirectory"/> with a SHA256SUMS file; the relative backing names stay valid.</summary>
    /// <param name="stateId">The state to export.</param>
    /// <param name="outputDirectory">A directory that must not exist yet; it appears complete or not at all.</param>
    /// <param name="cancellationToken">Cancels the copy.</param>
    public async Task<ExportResult> ChainAsync(string stateId, string outputDirectory, CancellationToken cancellationToken = default)
    {
        using var lease = store.Lease(stateId) ?? throw new ArgumentException("no state " + stateId, nameof(stateId));
        var chain = store.Chain(stateId);
        var output = Path.GetFullPath(outputDirectory);
        if (Directory.Exists(output) || File.Exists(output))
        {
            throw new IOException(output + " already exists");
        }

        var temp = Path.Combine(Path.GetDirectoryName(output)!, ".tmp-" + Path.GetFileName(output) + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        try
        {
            var sums = new List<KeyValuePair<string, string>>();
            foreach (var state in chain)
            {
                var target = Path.Combine(temp, LayerStore.LayerFileName(state.Id));
                var source = File.OpenRead(state.LayerPath);
                await using (source.ConfigureAwait(false))
                {
                    var destination = File.Create(target);
                    await using (destination.ConfigureAwait(false))
                    {
                        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                        destination.Flush(flushToDisk: true);
                    }
                }

                sums.Add(KeyValuePair.Create(Path.Combine(output, LayerStore.LayerFileName(state.Id)), ContentHasher.HashFile(target)));
            }

            var text = string.Concat(sums.Select(s => $"{s.Value}  {Path.GetFileName(s.Key)}\n"));
            await File.WriteAllTextAsync(Path.Combine(temp, "SHA256SUMS"), text, cancellationToken).ConfigureAwait(false);
            await File.WriteAllTextAsync(Path.Combine(temp, "TOP"), LayerStore.LayerFileName(stateId) + "\n", cancellationToken).ConfigureAwait(false);
            DurableFile.SyncDirectory(temp);
            Directory.Move(temp, output);
            DurableFile.SyncDirectory(Path.GetDirectoryName(output)!);
            return new ExportResult(sums[^1].Key, ExportFormat.Qcow2, sums[^1].Value, sums);
        }
        catch
        {
            Directory.Delete(temp, recursive: true);
            throw;
        }
    }

    /// <summary>Returns qemu-img's name for <paramref name="format"/>.</summary>
    public static string Name(ExportFormat format) => format.ToString().ToLowerInvariant();

    /// <summary>Parses a format name (qcow2, raw, vmdk, vdi, vhdx), or returns null.</summary>
    public static ExportFormat? Parse(string name) =>
        Enum.TryParse<ExportFormat>(name, ignoreCase: true, out var format) && !int.TryParse(name, out _) ? format : null;
}
