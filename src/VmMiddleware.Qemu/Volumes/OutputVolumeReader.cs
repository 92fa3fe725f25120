using System.Formats.Tar;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>
/// Reads the guest's output disk (a raw tar stream) straight from the image file and extracts it safely: nothing from the
/// guest is trusted. Refused, naming the entry: absolute paths, '..' components, hard links, symbolic links that are
/// absolute or contain '..' (only downward, in-tree links are kept, and nothing is ever written through one), device
/// files, FIFOs and other special entries, duplicate names, a file over the per-file limit, and a total over the limit.
/// Extraction goes to a temporary sibling directory that is renamed into place only when everything passed.
/// </summary>
internal static class OutputVolumeReader
{
    public const int MaxEntries = 100_000;
    public const int MaxPathLength = 4096;

    public static OutputExtraction Extract(string imagePath, string destination, long maxTotalBytes, long maxFileBytes)
    {
        ArgumentException.ThrowIfNullOrEmpty(imagePath);
        ArgumentException.ThrowIfNullOrEmpty(destination);
        var final = Path.GetFullPath(destination);
        var parent = Path.GetDirectoryName(final)!;
        Directory.CreateDirectory(parent);
        var temp = Path.Combine(parent, "." + Path.GetFileName(final) + ".partial-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(temp);
        try
        {
            OutputExtraction result;
            using (var image = new FileStream(imagePath, FileMode.Open, FileAccess.Read, FileShare.Read))
            {
                result = new Extractor(temp, maxTotalBytes, maxFileBytes).Run(image);
            }

            if (Directory.Exists(final))
            {
                var old = Path.Combine(parent, "." + Path.GetFileName(final) + ".old-" + Guid.NewGuid().ToString("N")[..8]);
                Directory.Move(final, old);
                Directory.Move(temp, final);
                Directory.Delete(old, recursive: true);
            }
            else
            {
                Directory.Move(temp, final);
            }

            return result;
        }
        catch
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Returns the entry name as a clean relative path (no leading ./, no empty or '.' components), or null for the archive root.</summary>
    internal static string? Normalize(string name)
    {
        if (name.StartsWith('/'))
        {
            throw new OutputRefusedException(name, "absolute paths are not allowed");
        }

        if (name.Length > MaxPathLength)
        {
            throw new OutputRefusedException(name[..64] + "...", $"the path is longer than {MaxPathLength} characters");
        }

        var parts = name.Split('/', StringSplitOptions.RemoveEmptyEntries).Where(p => p != ".").ToList();
        if (parts.Contains(".."))
        {
            throw new OutputRefusedException(name, "'..' path components are not allowed");
        }

        return parts.Count == 0 ? null : string.Join('/', parts);
    }

    private sealed class Extractor(string root, long maxTotalBytes, long maxFileBytes)
    {
        private readonly HashSet<string> _symlinks = new(StringComparer.Ordinal);
        private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
        private readonly HashSet<string> _files = new(StringComparer.Ordinal);
        private long _bytes;
        private int _fileCount;
        private int _entries;

        public OutputExtraction Run(Stream image)
        {
            using var reader = new TarReader(image, leaveOpen: true);
            while (true)
            {
                TarEntry? entry;
                try
                {
                    entry = reader.GetNextEntry(copyData: false);
                }
                catch (Exception e) when (e is InvalidDataException or FormatException or ArgumentException or EndOfStreamException)
                {
                    throw new OutputRefusedException($"the output volume is not a valid tar archive after {_entries} entries: {e.Message}", e);
                }

                if (entry is null)
                {
                    return new OutputExtraction(_fileCount, _bytes, _symlinks.Count);
                }

                if (++_entries > MaxEntries)
                {
                    throw new OutputRefusedException(entry.Name, $"the output holds more than {MaxEntries} entries");
                }

                Extract(entry);
            }
        }

        private void Extract(TarEntry entry)
        {
            var name = Normalize(entry.Name);
            if (name is null)
            {
                return;
            }

            CheckParents(entry.Name, name);
            var path = Path.Combine(root, name);
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

            _files.Add(name);
            using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
            {
                if (entry.DataStream is { } data)
                {
                    CopyExactly(data, file, entry.Length, entry.Name);
                }
            }

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
                    throw new OutputRefusedException(entryName, "the archive ends inside this file's data");
                }

                target.Write(buffer, 0, read);
                left -= read;
            }
        }
    }
}
