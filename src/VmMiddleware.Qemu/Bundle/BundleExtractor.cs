using System.Formats.Tar;
using System.IO.Compression;

namespace VmMiddleware.Qemu.Bundle;

/// <summary>
/// Unpacks a bundle without trusting it: only regular files and directories (no links of any kind,
/// no devices), no absolute names and no <c>..</c>, at most <see cref="MaxBytes"/> in total, modes
/// limited to 0755. It unpacks into a sibling staging directory, checks every file against the
/// manifest and only then renames the result into place, so a failure leaves nothing behind.
/// </summary>
internal static class BundleExtractor
{
    /// <summary>The most a bundle may unpack to (1 GiB; Debian's QEMU bundle is about 55 MB).</summary>
    public const long MaxBytes = 1L << 30;

    private const UnixFileMode AllowedModes =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    public static void Extract(string archive, string directory)
    {
        var target = Path.GetFullPath(directory);
        if (Directory.Exists(target) || File.Exists(target))
        {
            throw new IOException($"{target} already exists; extract a bundle into a new directory");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var staging = target + ".extract-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            Unpack(archive, staging);
            Verify(staging);
            Directory.Move(staging, target);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    private static void Unpack(string archive, string staging)
    {
        using var input = File.OpenRead(archive);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        long total = 0;
        while (reader.GetNextEntry() is { } entry)
        {
            var destination = Destination(archive, staging, entry.Name);
            switch (entry.EntryType)
            {
                case TarEntryType.Directory:
                    Directory.CreateDirectory(destination);
                    break;
                case TarEntryType.RegularFile or TarEntryType.V7RegularFile:
                    total += entry.Length;
                    if (total > MaxBytes)
                    {
                        throw new InvalidDataException($"{archive}: unpacks to more than {MaxBytes} bytes");
                    }

                    Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
                    using (var output = new FileStream(destination, FileMode.CreateNew, FileAccess.Write))
                    {
                        entry.DataStream?.CopyTo(output);
                    }

                    if (!OperatingSystem.IsWindows())
                    {
                        File.SetUnixFileMode(destination, entry.Mode & AllowedModes);
                    }

                    break;
                default:
                    throw new InvalidDataException($"{archive}: entry '{entry.Name}' is a {entry.EntryType}; a bundle holds only regular files and directories");
            }
        }
    }

    /// <summary>Maps an entry name to a path inside <paramref name="staging"/>, refusing anything that could land outside it.</summary>
    internal static string Destination(string archive, string staging, string name)
    {
        var trimmed = name.EndsWith('/') ? name[..^1] : name;
        if (trimmed.Length == 0 || trimmed.StartsWith('/') || trimmed.Contains('\\', StringComparison.Ordinal) || trimmed.Contains('\0', StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{archive}: entry name '{name}' is empty or absolute; refusing it");
        }

        if (trimmed.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new InvalidDataException($"{archive}: entry name '{name}' has an empty, '.' or '..' segment; refusing it");
        }

        var full = Path.GetFullPath(Path.Combine(staging, trimmed));
        if (!full.StartsWith(staging + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidDataException($"{archive}: entry name '{name}' leaves the bundle directory; refusing it");
        }

        return full;
    }

    /// <summary>Checks that the unpacked tree is exactly what the manifest lists, byte for byte.</summary>
    private static void Verify(string root)
    {
        var manifest = QemuBundle.ReadManifest(root);
        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, file).Replace(Path.DirectorySeparatorChar, '/');
            if (rel != QemuBundle.ManifestName && !listed.ContainsKey(rel))
            {
                throw new InvalidDataException($"{root}: {rel} is not in the manifest");
            }
        }

        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(root, file.Path);
            if (!File.Exists(path) || QemuBundle.Sha256Of(path) != file.Sha256)
            {
                throw new InvalidDataException($"bundle file {file.Path} is missing or does not match its sha256 in the manifest");
            }
        }
    }
}
