using VmMiddleware.Host.Processes;

namespace VmMiddleware.Qemu.Bundle;

/// <summary>Which host file goes where in a bundle: binaries, their libraries and loader (via ldd), modules and firmware.</summary>
internal sealed class BundlePlan
{
    private BundlePlan(SortedDictionary<string, (string Source, bool Executable)> files, string loader)
    {
        Files = files;
        Loader = loader;
    }

    /// <summary>Gets bundle path → (real source file, executable), sorted ordinally.</summary>
    public SortedDictionary<string, (string Source, bool Executable)> Files { get; }

    /// <summary>Gets the loader's bundle path.</summary>
    public string Loader { get; }

    /// <summary>Plans the bundle of <paramref name="sources"/>, asking ldd (run by <paramref name="runner"/>) which libraries each binary loads.</summary>
    public static async Task<BundlePlan> BuildAsync(BundleSources sources, IProcessRunner runner, CancellationToken cancellationToken)
    {
        var files = new SortedDictionary<string, (string, bool)>(StringComparer.Ordinal)
        {
            [QemuBundle.QemuSystemPath] = (BundleSources.Resolve(sources.QemuSystem), true),
            [QemuBundle.QemuImgPath] = (BundleSources.Resolve(sources.QemuImg), true),
        };
        var elves = new List<string> { sources.QemuSystem, sources.QemuImg };
        foreach (var module in BundleSources.Modules)
        {
            var path = Path.Combine(sources.ModuleDir, module);
            if (!File.Exists(path))
            {
                throw new FileNotFoundException($"QEMU module {path} is missing (Debian ships TCG as a module: install qemu-system-x86)", path);
            }

            files[QemuBundle.ModuleDir + "/" + module] = (BundleSources.Resolve(path), true);
            elves.Add(path);
        }

        string? loader = null;
        foreach (var elf in elves)
        {
            var ldd = LddOutput.Parse(await BundleSources.OutputOfAsync(runner, "ldd", [elf], cancellationToken).ConfigureAwait(false), elf);
            foreach (var (soname, path) in ldd.Libraries)
            {
                files[QemuBundle.LibraryDir + "/" + soname] = (BundleSources.Resolve(path), true);
            }

            if (ldd.Loader is not null)
            {
                loader = QemuBundle.LibraryDir + "/" + Path.GetFileName(ldd.Loader);
                files[loader] = (BundleSources.Resolve(ldd.Loader), true);
            }
        }

        if (loader is null)
        {
            throw new InvalidDataException($"ldd names no dynamic loader for {sources.QemuSystem}");
        }

        foreach (var name in BundleSources.RequiredFirmware)
        {
            var path = sources.FindFirmware(name)
                ?? throw new FileNotFoundException($"firmware {name} not found in {string.Join(", ", sources.FirmwareDirs)} (Debian: seabios, qemu-system-data)", name);
            files[QemuBundle.FirmwareDir + "/" + name] = (path, false);
        }

        foreach (var name in BundleSources.OptionalFirmware)
        {
            if (sources.FindFirmware(name) is { } path)
            {
                files[QemuBundle.FirmwareDir + "/" + name] = (path, false);
            }
        }

        return new BundlePlan(files, loader);
    }
}
