using System.Diagnostics;
using System.Text.Json;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Qemu.Cache;

/// <summary>Runs <c>qemu-img info --output=json</c>, optionally through a bundled dynamic loader.</summary>
public sealed class QemuImgInspector : IImageInspector
{
    private readonly string qemuImg;
    private readonly string? loader;
    private readonly string? libraryPath;

    /// <summary>Initializes a new instance of the <see cref="QemuImgInspector"/> class for <paramref name="qemuImg"/> (default: <c>qemu-img</c> on PATH).</summary>
    public QemuImgInspector(string qemuImg = "qemu-img", string? loader = null, string? libraryPath = null)
    {
        this.qemuImg = qemuImg;
        this.loader = loader;
        this.libraryPath = libraryPath;
    }

    /// <summary>Returns an inspector running the qemu-img of <paramref name="qemu"/>: the bundle's, through its loader, or the one on PATH.</summary>
    public static QemuImgInspector For(QemuInstallation qemu)
    {
        ArgumentNullException.ThrowIfNull(qemu);
        var sibling = Path.Combine(Path.GetDirectoryName(qemu.Binary) ?? ".", "qemu-img");
        return File.Exists(sibling) ? new QemuImgInspector(sibling, qemu.Loader, qemu.LibraryPath) : new QemuImgInspector();
    }

    /// <inheritdoc/>
    public ImageInfo Inspect(string path)
    {
        var start = new ProcessStartInfo(loader ?? qemuImg)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (loader is not null)
        {
            if (libraryPath is not null)
            {
                start.ArgumentList.Add("--library-path");
                start.ArgumentList.Add(libraryPath);
            }

            start.ArgumentList.Add(qemuImg);
        }

        // --force-share: a running QEMU may hold the image's write lock; info only reads the header.
        foreach (var arg in new[] { "info", "--force-share", "--output=json", path })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new IOException($"cannot start {qemuImg}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidDataException($"{path}: qemu-img info failed: {stderr.Result.Trim()}");
        }

        return Parse(stdout, path);
    }

    /// <summary>Reads the format and full backing path out of <c>qemu-img info --output=json</c> text.</summary>
    internal static ImageInfo Parse(string json, string imagePath)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f.GetString() ?? "raw" : "raw";
        string? backing = null;
        if (root.TryGetProperty("full-backing-filename", out var full))
        {
            backing = full.GetString();
        }
        else if (root.TryGetProperty("backing-filename", out var relative) && relative.GetString() is { } name)
        {
            backing = Path.IsPathRooted(name) ? name : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(imagePath)) ?? "/", name);
        }

        return new ImageInfo(format, backing);
    }
}
