using System.Text.Json;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Cache;

/// <summary>
/// Reads and writes <c>index.json</c>. Callers hold the cache's exclusive index lock around a
/// load-change-save cycle; saving writes a temporary file, fsyncs it and renames it over the old one,
/// so a crash leaves either the old or the new index, never a torn one.
/// </summary>
internal static class CacheIndex
{
    public static CacheIndexDocument Load(string path)
    {
        if (!File.Exists(path))
        {
            return new CacheIndexDocument();
        }

        try
        {
            using var stream = File.OpenRead(path);
            var document = JsonSerializer.Deserialize(stream, CacheJsonContext.Default.CacheIndexDocument);
            return document is { Version: 1 } ? Rekey(document) : new CacheIndexDocument();
        }
        catch (JsonException)
        {
            // The index is only a hint: the objects are the truth, and recovery rebuilds the index from them.
            return new CacheIndexDocument();
        }
    }

    public static void Save(string path, CacheIndexDocument document)
    {
        DurableFile.Write(path, stream => JsonSerializer.Serialize(stream, document, CacheJsonContext.Default.CacheIndexDocument));
    }

    private static CacheIndexDocument Rekey(CacheIndexDocument document)
    {
        // Deserialisation builds a default comparer; ids are compared ordinally everywhere.
        var entries = new SortedDictionary<string, IndexRecord>(StringComparer.Ordinal);
        foreach (var (id, record) in document.Entries)
        {
            if (CacheId.TryNormalize(id, out var normal))
            {
                entries[normal] = record;
            }
        }

        document.Entries = entries;
        return document;
    }
}
