using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using VmMiddleware.Host.Durability;
using VmMiddleware.Host.Processes;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Bundle;

/// <summary>
/// A relocatable QEMU: <c>bin/</c> (qemu-system-x86_64, qemu-img), <c>lib/</c> (every library ldd
/// names, under its soname, and the dynamic loader), <c>lib/qemu/</c> (modules), <c>share/qemu/</c>
/// (firmware) and <c>manifest.json</c>. It runs on a host without QEMU as
/// <c>lib/ld-linux-x86-64.so.2 --library-path lib bin/qemu-system-x86_64 -L share/qemu …</c> with
/// <c>QEMU_MODULE_DIR=lib/qemu</c>.
/// </summary>
public static class QemuBundle
{
    /// <summary>The manifest's file name at the bundle root.</summary>
    public const string ManifestName = "manifest.json";

    /// <summary>The system emulator, relative to the bundle root.</summary>
    public const string QemuSystemPath = "bin/qemu-system-x86_64";

    /// <summary>The image tool, relative to the bundle root.</summary>
    public const string QemuImgPath = "bin/qemu-img";

    /// <summary>The library directory (the loader's <c>--library-path</c>), relative to the bundle root.</summary>
    public const string LibraryDir = "lib";

    /// <summary>The module directory (<c>QEMU_MODULE_DIR</c>), relative to the bundle root.</summary>
    public const string ModuleDir = "lib/qemu";

    /// <summary>The firmware directory (<c>-L</c>), relative to the bundle root.</summary>
    public const string FirmwareDir = "share/qemu";

    /// <summary>Every entry's modification time, so that the same inputs give the same archive bytes (2023-11-14, SOURCE_DATE_EPOCH 1700000000).</summary>
    internal static readonly DateTimeOffset FixedTime = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000);

    /// <summary>Packs the QEMU found by <paramref name="sources"/> into a deterministic <c>.tar.gz</c> at <paramref name="outputPath"/>, written atomically.</summary>
    /// <param name="sources">What to pack.</param>
    /// <param name="outputPath">The archive to write (replaced atomically).</param>
    /// <param name="runner">Runs ldd and <c>--version</c>.</param>
    /// <param name="cancellationToken">Cancels the packing before the archive is written.</param>
    public static async Task<BundleManifest> CreateAsync(BundleSources sources, string outputPath, IProcessRunner runner, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(runner);
        var plan = await BundlePlan.BuildAsync(sources, runner, cancellationToken).ConfigureAwait(false);
        var manifest = new BundleManifest(
            BundleManifest.CurrentFormat,
            FirstLine(await BundleSources.OutputOfAsync(runner, sources.QemuSystem, ["--version"], cancellationToken).ConfigureAwait(false)),
            FirstLine(await BundleSources.OutputOfAsync(runner, sources.QemuImg, ["--version"], cancellationToken).ConfigureAwait(false)),
            plan.Loader,
            plan.Files.Select(f => new BundleFile(f.Key, Sha256Of(f.Value.Source), new FileInfo(f.Value.Source).Length, f.Value.Executable)).ToList());
        var manifestBytes = JsonSerializer.SerializeToUtf8Bytes(manifest, BundleJsonContext.Default.BundleManifest);

        DurableFile.Write(outputPath, output =>
        {
            // The writers are disposed (the gzip trailer written) before DurableFile flushes and renames.
            using var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true);
            using var tar = new TarWriter(gzip, TarEntryFormat.Ustar, leaveOpen: true);
            var entries = plan.Files.Keys.Append(ManifestName).ToList();
            foreach (var dir in entries.SelectMany(Parents).Distinct().Order(StringComparer.Ordinal))
            {
                tar.WriteEntry(Entry(dir + "/", TarEntryType.Directory, executable: true));
            }

            foreach (var name in entries.Order(StringComparer.Ordinal))
            {
                var isManifest = name == ManifestName;
                var entry = Entry(name, TarEntryType.RegularFile, !isManifest && plan.Files[name].Executable);
                using var data = isManifest ? new MemoryStream(manifestBytes) : (Stream)File.OpenRead(plan.Files[name].Source);
                entry.DataStream = data;
                tar.WriteEntry(entry);
            }
        });

        return manifest;
    }

    /// <summary>Unpacks a bundle into <paramref name="directory"/> (which must not exist yet) and checks every file against the manifest; see <see cref="BundleExtractor"/>.</summary>
    public static QemuInstallation Extract(string archive, string directory)
    {
        BundleExtractor.Extract(archive, directory);
        return Open(directory);
    }

    /// <summary>Reads the manifest of an unpacked bundle and returns the paths the launcher runs QEMU with.</summary>
    /// <exception cref="InvalidDataException">The directory is not a complete bundle.</exception>
    public static QemuInstallation Open(string directory)
    {
        var root = Path.GetFullPath(directory);
        var manifest = ReadManifest(root);
        foreach (var file in manifest.Files)
        {
            var path = Path.Combine(root, file.Path);
            if (!File.Exists(path) || new FileInfo(path).Length != file.Size)
            {
                throw new InvalidDataException($"{root}: bundle file {file.Path} is missing or has the wrong size");
            }
        }

        return new QemuInstallation(
            Path.Combine(root, QemuSystemPath),
            Path.Combine(root, manifest.Loader),
            Path.Combine(root, LibraryDir),
            Path.Combine(root, ModuleDir),
            Path.Combine(root, FirmwareDir));
    }

    /// <summary>Gets the bundled <c>qemu-img</c> of an installation opened from a bundle (it sits beside the system emulator).</summary>
    public static string QemuImgOf(QemuInstallation installation)
    {
        ArgumentNullException.ThrowIfNull(installation);
        return Path.Combine(Path.GetDirectoryName(installation.Binary)!, "qemu-img");
    }

    /// <summary>Reads and checks <c>manifest.json</c> of an unpacked bundle.</summary>
    public static BundleManifest ReadManifest(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"{directory}: not a QEMU bundle (no {ManifestName})");
        }

        BundleManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize(File.ReadAllBytes(path), BundleJsonContext.Default.BundleManifest);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: unreadable manifest: {e.Message}", e);
        }

        if (manifest is null || manifest.Format != BundleManifest.CurrentFormat)
        {
            throw new InvalidDataException($"{path}: expected format {BundleManifest.CurrentFormat}, found {manifest?.Format ?? "nothing"}");
        }

        return manifest;
    }

    internal static string Sha256Of(string path)
    {
        using var input = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    private static UstarTarEntry Entry(string name, TarEntryType type, bool executable) => new(type, name)
    {
        ModificationTime = FixedTime,
        Mode = executable
            ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
            : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead,
        Uid = 0,
        Gid = 0,
        UserName = string.Empty,
        GroupName = string.Empty,
    };

    private static IEnumerable<string> Parents(string path)
    {
        for (var slash = path.IndexOf('/', StringComparison.Ordinal); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            yield return path[..slash];
        }
    }

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();
}
