using System.Formats.Tar;
using System.Text;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>
/// One pass of <see cref="OutputVolumeReader"/> over the tar stream into <c>root</c>: every entry is checked before anything
/// is written for it. With <c>keepSafe</c> a refused entry is skipped and recorded; a refusal that leaves the archive
/// unreadable (a bad header, truncated data, too many entries) ends the pass, keeping what came before it.
/// </summary>
internal sealed class OutputExtractor(string root, long maxTotalBytes, long maxFileBytes, bool keepSafe)
{
    // Linux's PATH_MAX and NAME_MAX, in bytes, for the path the host writes (the root included).
    private const int HostPathMax = 4095;
    private const int HostNameMax = 255;

    private readonly HashSet<string> _symlinks = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private readonly HashSet<string> _files = new(StringComparer.Ordinal);
    private readonly List<OutputRefusedException> _refused = [];
    private long _bytes;
    private int _fileCount;
    private int _entries;

    public OutputExtraction Run(FileStream image)
    {
        using var reader = new TarReader(image, leaveOpen: true);
        long next = 0;
        while (true)
        {
            TarEntry? entry;
            try
            {
                TarHeaderGuard.Check(image.SafeFileHandle, next);
                entry = reader.GetNextEntry(copyData: false);
            }
            catch (OutputRefusedException e) when (keepSafe)
            {
                return Done(e);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException
                or InvalidOperationException or NotSupportedException or OverflowException)
            {
                var refused = new OutputRefusedException($"the output volume is not a valid tar archive after {_entries} entries: {e.Message}", e);
                return keepSafe ? Done(refused) : throw refused;
            }

            if (entry is null)
            {
                return Done(null);
            }

            next = entry.DataOffset + ((entry.Length + 511) / 512 * 512);
            if (++_entries > OutputVolumeReader.MaxEntries)
            {
                var refused = new OutputRefusedException(entry.Name, $"the output holds more than {OutputVolumeReader.MaxEntries} entries");
                return keepSafe ? Done(refused) : throw refused;
            }

            try
            {
                Extract(entry);
            }
            catch (OutputRefusedException e) when (keepSafe)
            {
                _refused.Add(e);
                if (e.EndsArchive)
                {
                    return Done(null);
                }
            }
        }
    }

    private OutputExtraction Done(OutputRefusedException? last)
    {
        if (last is not null)
        {
            _refused.Add(last);
        }

        return new OutputExtraction(_fileCount, _bytes, _symlinks.Count, _refused);
    }

    private void Extract(TarEntry entry)
    {
        var name = OutputVolumeReader.Normalize(entry.Name);
        if (name is null)
        {
            return;
        }

        var path = Path.Combine(root, name);
        CheckHostPath(entry.Name, name, path);
        CheckParents(entry.Name, name);
        switch (entry.EntryType)
        {
            case TarEntryType.Directory:
                if (_files.Contains(name) || _symlinks.Contains(name))
                {
                    throw new OutputRefusedException(entry.Name, "the name appears twice");
                }

                Directory.CreateDirectory(path);
                File.SetUnixFileMode(path, (entry.Mode & (UnixFileMode)0x1FF) | UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                _directories.Add(name);
                break;
            case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                WriteFile(entry, name, path);
                break;
            case TarEntryType.SymbolicLink:
                CreateSymlink(entry, name, path);
                break;
            case TarEntryType.HardLink:
                throw new OutputRefusedException(entry.Name, $"hard links are not allowed (link to '{entry.LinkName}')");
            case TarEntryType.CharacterDevice or TarEntryType.BlockDevice:
                throw new OutputRefusedException(entry.Name, "device files are not allowed");
            case TarEntryType.Fifo:
                throw new OutputRefusedException(entry.Name, "FIFOs are not allowed");
            default:
                throw new OutputRefusedException(entry.Name, $"entries of type {entry.EntryType} are not allowed");
        }
    }

    private static void CheckHostPath(string entryName, string name, string path)
    {
        var shown = entryName.Length > 64 ? entryName[..64] + "..." : entryName;
        if (name.Split('/').FirstOrDefault(part => Encoding.UTF8.GetByteCount(part) > HostNameMax) is { } part)
        {
            throw new OutputRefusedException(shown, $"a path component has {Encoding.UTF8.GetByteCount(part)} bytes, over the host's limit of {HostNameMax}");
        }

        var bytes = Encoding.UTF8.GetByteCount(path);
        if (bytes > HostPathMax)
        {
            throw new OutputRefusedException(shown, $"the path ({name.Length} characters) is too long for the host: {bytes} bytes with the output directory, over {HostPathMax}");
        }
    }

    private void CheckParents(string entryName, string name)
    {
        var slash = name.IndexOf('/', StringComparison.Ordinal);
        while (slash > 0)
        {
            var prefix = name[..slash];
            if (_symlinks.Contains(prefix))
            {
                throw new OutputRefusedException(entryName, $"the path goes through the symbolic link '{prefix}'");
            }

            if (_files.Contains(prefix))
            {
                throw new OutputRefusedException(entryName, $"the path goes through the file '{prefix}'");
            }

            slash = name.IndexOf('/', slash + 1);
        }

        // Created only once the whole path passed, so a refused entry leaves no directories behind.
        slash = name.IndexOf('/', StringComparison.Ordinal);
        while (slash > 0)
        {
            var prefix = name[..slash];
            if (_directories.Add(prefix))
            {
                Directory.CreateDirectory(Path.Combine(root, prefix));
            }

            slash = name.IndexOf('/', slash + 1);
        }
    }

    private void CheckNew(TarEntry entry, string name)
    {
        if (_files.Contains(name) || _symlinks.Contains(name) || _directories.Contains(name))
        {
            throw new OutputRefusedException(entry.Name, "the name appears twice");
        }
    }

    private void WriteFile(TarEntry entry, string name, string path)
    {
        CheckNew(entry, name);
        if (entry.Length > maxFileBytes)
        {
            throw new OutputRefusedException(entry.Name, $"the file has {entry.Length} bytes, over the per-file limit of {maxFileBytes} bytes");
        }

        if (_bytes + entry.Length > maxTotalBytes)
        {
            throw new OutputRefusedException(entry.Name, $"the outputs reach {_bytes + entry.Length} bytes, over the limit of {maxTotalBytes} bytes");
        }

        try
        {
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
            if (entry.DataStream is { } data)
            {
                CopyExactly(data, file, entry.Length, entry.Name);
            }
        }
        catch (OutputRefusedException)
        {
            File.Delete(path);
            throw;
        }

        _files.Add(name);
        File.SetUnixFileMode(path, (entry.Mode & (UnixFileMode)0x1FF) | UnixFileMode.UserRead | UnixFileMode.UserWrite);
        _bytes += entry.Length;
        _fileCount++;
    }

    private void CreateSymlink(TarEntry entry, string name, string path)
    {
        CheckNew(entry, name);
        var target = entry.LinkName;
        if (string.IsNullOrEmpty(target) || target.StartsWith('/'))
        {
            throw new OutputRefusedException(entry.Name, $"symbolic links must be relative and stay inside the output directory (link to '{target}')");
        }

        if (target.Split('/').Contains(".."))
        {
            throw new OutputRefusedException(entry.Name, $"symbolic links may not contain '..' (link to '{target}')");
        }

        _symlinks.Add(name);
        File.CreateSymbolicLink(path, target);
    }

    private static void CopyExactly(Stream source, Stream target, long length, string entryName)
    {
        var buffer = new byte[81920];
        var left = length;
        while (left > 0)
        {
            var read = source.Read(buffer, 0, (int)Math.Min(buffer.Length, left));
            if (read == 0)
            {
                throw new OutputRefusedException(entryName, "the archive ends inside this file's data") { EndsArchive = true };
            }

            target.Write(buffer, 0, read);
            left -= read;
        }
    }
}
