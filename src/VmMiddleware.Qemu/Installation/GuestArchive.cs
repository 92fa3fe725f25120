using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using VmMiddleware.Host.Durability;

namespace VmMiddleware.Qemu.Installation;

/// <summary>The reference guest as one file that jobs ship: a .tar.gz holding guest-ID/ with the build's regular files.</summary>
/// <remarks>Unpacking trusts nothing: one top directory named guest-HEX, regular files directly below it, at most
/// <see cref="MaxBytes"/>, unpacked beside the target and renamed into place, so the guest's identity (its directory
/// name) survives the trip and an eviction checkpoint restores against the same build.</remarks>
public static partial class GuestArchive
{
    /// <summary>The most an archive may unpack to (512 MiB; the reference guest is about 70 MB).</summary>
    public const long MaxBytes = 512L << 20;

    /// <summary>Writes the guest in <paramref name="guest"/>'s directory to <paramref name="archivePath"/> (replaced atomically).</summary>
    public static void Create(GuestKernel guest, string archivePath)
    {
        ArgumentNullException.ThrowIfNull(guest);
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        DurableFile.Write(archivePath, output =>
        {
            using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
            // Ustar, not PAX: .NET names every PAX extended header ./PaxHeaders.PID/..., so each process would write other
            // bytes, and a gateway that has this guest already would be sent it again (the names here fit Ustar's 100 bytes).
            using var writer = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
            foreach (var file in Directory.GetFiles(guest.Directory).Order(StringComparer.Ordinal))
            {
                var entry = new UstarTarEntry(TarEntryType.RegularFile, guest.Identity + "/" + Path.GetFileName(file))
                {
                    Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
                    ModificationTime = File.GetLastWriteTimeUtc(file),
                };
                using var content = File.OpenRead(file);
                entry.DataStream = content;
                writer.WriteEntry(entry);
            }
        });
    }

    /// <summary>Unpacks <paramref name="archivePath"/> into <paramref name="parentDirectory"/> (reusing a complete earlier unpack) and loads the guest.</summary>
    /// <exception cref="InvalidDataException">The archive is not a guest archive.</exception>
    public static GuestKernel Extract(string archivePath, string parentDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(archivePath);
        ArgumentException.ThrowIfNullOrEmpty(parentDirectory);
        var parent = Path.GetFullPath(parentDirectory);
        Directory.CreateDirectory(parent);
        var staging = Path.Combine(parent, ".unpack-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(staging);
        try
        {
            var top = Unpack(archivePath, staging);
            var target = Path.Combine(parent, top);
            if (!Directory.Exists(target))
            {
                Directory.Move(Path.Combine(staging, top), target);
            }

            return GuestKernel.Load(target);
        }
        catch (FileNotFoundException e)
        {
            throw new InvalidDataException($"{archivePath}: not a complete reference guest ({e.Message})", e);
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private static string Unpack(string archivePath, string staging)
    {
        using var input = File.OpenRead(archivePath);
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new TarReader(gzip);
        string? top = null;
        long total = 0;
        try
        {
            while (reader.GetNextEntry() is { } entry)
            {
                var parts = entry.Name.Split('/');
                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || parts.Length != 2
                    || !GuestDirectoryName().IsMatch(parts[0]) || (top is not null && parts[0] != top) || !SafeFileName(parts[1]))
                {
                    throw new InvalidDataException($"{archivePath}: unexpected entry '{entry.Name}'; expected regular files in one guest-HEX/ directory");
                }

                top = parts[0];
                total += entry.Length;
                if (total > MaxBytes)
                {
                    throw new InvalidDataException($"{archivePath}: unpacks to more than {MaxBytes} bytes");
                }

                Directory.CreateDirectory(Path.Combine(staging, top));
                entry.ExtractToFile(Path.Combine(staging, top, parts[1]), overwrite: false);
            }
        }
        catch (Exception e) when (e is InvalidDataException && e.Message.StartsWith(archivePath, StringComparison.Ordinal) is false)
        {
            throw new InvalidDataException($"{archivePath}: not a gzip-compressed tar archive ({e.Message})", e);
        }

        return top ?? throw new InvalidDataException($"{archivePath}: the archive is empty; expected a reference guest");
    }

    private static bool SafeFileName(string name) => name.Length > 0 && name != "." && name != ".." && !name.Contains('\\', StringComparison.Ordinal);

    [GeneratedRegex("^guest-[0-9a-f]{4,64}$")]
    private static partial Regex GuestDirectoryName();
}
