using System.Formats.Tar;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Qemu.Volumes;

/// <summary>Writes a work unit's inputs as one tar stream onto a raw disk image (the guest runs tar -x on the disk): exactly the archive (whole 512-byte records), or padded to a fixed size.</summary>
internal static class InputVolumeBuilder
{
    public const long MiB = 1024 * 1024;

    /// <summary>Writes the image and returns the archive's length in bytes; with <paramref name="fixedSize"/> the image has exactly that size or the inputs are refused as too large.</summary>
    public static long Build(IReadOnlyList<InputItem> inputs, string imagePath, long? fixedSize)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        using var stream = new FileStream(imagePath, FileMode.Create, FileAccess.ReadWrite);
        using (var writer = new TarWriter(stream, TarEntryFormat.Gnu, leaveOpen: true))
        {
            var directories = new HashSet<string>(StringComparer.Ordinal);
            foreach (var input in inputs)
            {
                AddParents(writer, input.Target, directories);
                if (input.Kind == InputKind.Directory)
                {
                    AddDirectory(writer, input.Source, input.Target, directories);
                }
                else
                {
                    AddFile(writer, input.Source, input.Target);
                }
            }
        }

        var used = stream.Length;
        // Without a fixed size the disk is the archive itself, so the guest's tar (which reads to the end) reads nothing more.
        var size = fixedSize ?? Math.Max(512, (used + 511) / 512 * 512);
        if (used > size)
        {
            throw new IOException($"The inputs take {used} bytes, more than the {size}-byte input volume.");
        }

        stream.SetLength(size);
        return used;
    }

    private static void AddFile(TarWriter writer, string source, string target)
    {
        if (!File.Exists(source))
        {
            throw new FileNotFoundException($"The input file {source} does not exist.", source);
        }

        var entry = new GnuTarEntry(TarEntryType.RegularFile, target)
        {
            Mode = File.GetUnixFileMode(source) & (UnixFileMode)0x1FF,
            ModificationTime = File.GetLastWriteTimeUtc(source),
        };
        using var content = File.OpenRead(source);
        entry.DataStream = content;
        writer.WriteEntry(entry);
    }

    private static void AddDirectory(TarWriter writer, string source, string target, HashSet<string> directories)
    {
        if (!Directory.Exists(source))
        {
            throw new DirectoryNotFoundException($"The input directory {source} does not exist.");
        }

        AddDirectoryEntry(writer, target, directories);
        foreach (var path in Directory.EnumerateFileSystemEntries(source, "*", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = target + "/" + Path.GetFileName(path);
            if (Directory.Exists(path))
            {
                AddDirectory(writer, path, name, directories);
            }
            else
            {
                AddFile(writer, path, name);
            }
        }
    }

    private static void AddParents(TarWriter writer, string target, HashSet<string> directories)
    {
        var slash = target.IndexOf('/', StringComparison.Ordinal);
        while (slash > 0)
        {
            AddDirectoryEntry(writer, target[..slash], directories);
            slash = target.IndexOf('/', slash + 1);
        }
    }

    private static void AddDirectoryEntry(TarWriter writer, string name, HashSet<string> directories)
    {
        if (directories.Add(name))
        {
            writer.WriteEntry(new GnuTarEntry(TarEntryType.Directory, name + "/") { Mode = (UnixFileMode)0x1ED });
        }
    }
}
