using System.Globalization;
using System.IO.Enumeration;
using System.Text;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Store;

/// <summary>
/// The clean-state record (<c>locks/entries.clean</c>): the entry files, by key and size, that the store had when a change under the store
/// lock last finished and left it consistent. Every change deletes it first and writes it again once done, so a process killed in between
/// leaves none; <see cref="RecoverAsync"/> reads no entry file when the record is there and the disk still matches it (same entry files with the
/// same sizes, an object for each and none more, no lease file or attachment of another key, no temporary), and runs the full recovery otherwise.
/// </summary>
/// <remarks>
/// Entry files are only ever replaced whole by this code, so an entry file with the size recorded is the record written then; a file
/// written by anything else (an older version, a hand edit, a torn copy) has another size or another name and sends the open down the full
/// recovery. The record is only a hint: it is written atomically but not flushed, and one lost, stale or torn (it ends with its line count)
/// costs one full recovery, which writes it again.
/// </remarks>
public sealed partial class ContentStore
{
    private const string CleanHeader = "content-store clean-state 1";

    private string CleanRecordPath => Path.Combine(LocksDirectory, "entries.clean");

    /// <summary>Starts a change of entry files or objects, under the store lock: returns whether the store was recorded clean, and deletes the record so that a kill before <see cref="EndChange"/> leaves the next open a full recovery.</summary>
    private bool BeginChange()
    {
        if (!File.Exists(CleanRecordPath))
        {
            return false;
        }

        File.Delete(CleanRecordPath);
        return true;
    }

    /// <summary>Ends a change that left the store consistent, under the store lock: records the entry files as they are now, when the store was recorded clean before it.</summary>
    private void EndChange(bool wasClean)
    {
        if (wasClean)
        {
            WriteCleanRecord();
        }
    }

    /// <summary>Records the entry files as they are now; called under the store lock when the store is consistent.</summary>
    private void WriteCleanRecord()
    {
        var text = new StringBuilder(CleanHeader).Append('\n');
        var count = 0;
        foreach (var (key, size) in EntryFileSizes())
        {
            text.Append(key).Append(' ').Append(size.ToString(CultureInfo.InvariantCulture)).Append('\n');
            count++;
        }

        text.Append("end ").Append(count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        DurableFile.WriteAllBytes(CleanRecordPath, Encoding.ASCII.GetBytes(text.ToString()), flushToDisk: false);
    }

    /// <summary>Tells whether the disk still matches the clean-state record, from directory listings and file sizes only.</summary>
    private bool MatchesCleanRecord()
    {
        if (ReadCleanRecord() is not { } recorded)
        {
            return false;
        }

        var entries = 0;
        foreach (var (key, size) in EntryFileSizes())
        {
            entries++;
            if (!recorded.TryGetValue(key, out var expected) || expected != size)
            {
                return false;
            }
        }

        var objects = 0;
        foreach (var (key, _) in ObjectsOnDisk())
        {
            objects++;
            if (!recorded.ContainsKey(key))
            {
                return false;
            }
        }

        return entries == recorded.Count && objects == recorded.Count && NoStrayKeyFiles(recorded);
    }

    /// <summary>No lease file and no attachment names a key that is not an entry, and no attachment temporary is left.</summary>
    private bool NoStrayKeyFiles(Dictionary<string, long> entries)
    {
        foreach (var file in Directory.EnumerateFiles(LocksDirectory, "*.lease"))
        {
            if (Path.GetFileNameWithoutExtension(file) is var key && IsKey(key) && !entries.ContainsKey(key))
            {
                return false;
            }
        }

        return !AttachmentFiles().Any(a => a.Temporary || (a.Key is not null && !entries.ContainsKey(a.Key)));
    }

    /// <summary>Reads the clean-state record: entry file sizes by key, or null when there is none or it is not whole.</summary>
    private Dictionary<string, long>? ReadCleanRecord()
    {
        string[] lines;
        try
        {
            lines = File.ReadAllText(CleanRecordPath, Encoding.ASCII).Split('\n');
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        // Header, one line per entry, "end COUNT", and the empty string after the last newline.
        if (lines.Length < 3 || lines[0] != CleanHeader || lines[^1].Length != 0 || lines[^2] != "end " + (lines.Length - 3).ToString(CultureInfo.InvariantCulture))
        {
            return null;
        }

        var recorded = new Dictionary<string, long>(lines.Length, StringComparer.Ordinal);
        foreach (var line in lines.AsSpan(1, lines.Length - 3))
        {
            var space = line.IndexOf(' ', StringComparison.Ordinal);
            if (space <= 0 || !long.TryParse(line.AsSpan(space + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var size) || !recorded.TryAdd(line[..space], size))
            {
                return null;
            }
        }

        return recorded;
    }

    /// <summary>The entry files present (as <see cref="EntryKeysOnDisk"/> finds them) with their sizes: one stat each, no read.</summary>
    private FileSystemEnumerable<(string Key, long Size)> EntryFileSizes() =>
        new(EntriesDirectory, (ref FileSystemEntry entry) => (entry.FileName[..^".json".Length].ToString(), entry.Length))
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.Length > ".json".Length && entry.FileName[0] != '.'
                && entry.FileName.EndsWith(".json", StringComparison.Ordinal) && IsKey(entry.FileName[..^".json".Length].ToString()),
        };
}
