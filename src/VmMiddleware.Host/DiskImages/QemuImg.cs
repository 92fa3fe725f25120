using System.Globalization;
using System.Text.Json;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Host.DiskImages;

/// <summary>The one <c>qemu-img</c> client: create (plain or an overlay on a backing file), convert, rebase, resize, check and info.</summary>
/// <remarks>Every call runs qemu-img through the process runner in the C locale, bound to this process; a non-zero exit is a <see cref="ProcessFailedException"/>.</remarks>
/// <param name="runner">Runs qemu-img.</param>
/// <param name="options">Which qemu-img, and through which loader.</param>
public sealed class QemuImg(IProcessRunner runner, QemuImgOptions options)
{
    /// <summary>Gets which qemu-img this client runs.</summary>
    public QemuImgOptions Options => options;

    /// <summary>Creates an empty image of <paramref name="sizeBytes"/> in <paramref name="format"/> at <paramref name="path"/>.</summary>
    /// <param name="path">The new image.</param>
    /// <param name="format">Its format (qcow2, raw, ...).</param>
    /// <param name="sizeBytes">Its virtual size in bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task CreateAsync(string path, string format, long sizeBytes, CancellationToken cancellationToken = default) =>
        RunAsync(["create", "-q", "-f", format, path, Bytes(sizeBytes)], cancellationToken);

    /// <summary>Creates a qcow2 overlay at <paramref name="path"/> on <paramref name="backing"/>, which is written into its header as given.</summary>
    /// <param name="path">The new overlay.</param>
    /// <param name="backing">The backing file: relative to the overlay's directory, or absolute.</param>
    /// <param name="backingFormat">The backing file's format; qcow2 by default.</param>
    /// <param name="sizeBytes">The overlay's virtual size, or null to take the backing file's.</param>
    /// <param name="openBacking">Whether qemu-img opens the backing file to check it (true by default); false (<c>-u</c>) needs <paramref name="sizeBytes"/>, for a backing file that does not exist yet or whose own chain does not resolve from here.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task CreateOverlayAsync(string path, string backing, string backingFormat = "qcow2", long? sizeBytes = null, bool openBacking = true, CancellationToken cancellationToken = default)
    {
        if (!openBacking && sizeBytes is null)
        {
            throw new ArgumentException("An overlay whose backing file is not opened needs its size.", nameof(sizeBytes));
        }

        List<string> arguments = ["create", "-q", "-f", "qcow2"];
        if (!openBacking)
        {
            arguments.Add("-u");
        }

        arguments.AddRange(["-b", backing, "-F", backingFormat, path]);
        if (sizeBytes is { } size)
        {
            arguments.Add(Bytes(size));
        }

        return RunAsync(arguments, cancellationToken);
    }

    /// <summary>Converts <paramref name="source"/> to <paramref name="destination"/> in <paramref name="format"/>; with <paramref name="backing"/> only the clusters that differ from it are written.</summary>
    /// <param name="source">The image to read (its chain is followed).</param>
    /// <param name="destination">The file to write.</param>
    /// <param name="format">The output format name (qcow2, raw, vmdk, vdi, vhdx).</param>
    /// <param name="sourceFormat">The source format, or null to detect it.</param>
    /// <param name="backing">A qcow2 backing file for the output (relative to it), or null for a standalone image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ConvertAsync(string source, string destination, string format, string? sourceFormat = null, string? backing = null, CancellationToken cancellationToken = default)
    {
        List<string> arguments = ["convert", "-U", "-O", format];
        if (sourceFormat is not null)
        {
            arguments.AddRange(["-f", sourceFormat]);
        }

        if (backing is not null)
        {
            arguments.AddRange(["-B", backing, "-o", "backing_fmt=qcow2"]);
        }

        arguments.AddRange([source, destination]);
        return RunAsync(arguments, cancellationToken);
    }

    /// <summary>Converts the image that <paramref name="imageOptions"/> describes (qemu-img <c>--image-opts</c>, for an explicit chain) to a standalone <paramref name="destination"/> in <paramref name="format"/>.</summary>
    /// <param name="imageOptions">The source as a <c>--image-opts</c> option string.</param>
    /// <param name="destination">The file to write.</param>
    /// <param name="format">The output format name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ConvertImageOptionsAsync(string imageOptions, string destination, string format, CancellationToken cancellationToken = default) =>
        RunAsync(["convert", "-q", "-O", format, "--image-opts", imageOptions, destination], cancellationToken);

    /// <summary>Rewrites only the backing-file name in <paramref name="path"/>'s header (the data is unchanged: the new name must hold the same content).</summary>
    /// <param name="path">The qcow2 image.</param>
    /// <param name="backing">The new backing file name, relative to the image's directory.</param>
    /// <param name="backingFormat">The backing file's format; qcow2 by default.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task RebaseUnsafeAsync(string path, string backing, string backingFormat = "qcow2", CancellationToken cancellationToken = default) =>
        RunAsync(["rebase", "-u", "-b", backing, "-F", backingFormat, path], cancellationToken);

    /// <summary>Grows <paramref name="path"/> to <paramref name="sizeBytes"/>.</summary>
    /// <param name="path">The image.</param>
    /// <param name="format">Its format.</param>
    /// <param name="sizeBytes">The new virtual size in bytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public Task ResizeAsync(string path, string format, long sizeBytes, CancellationToken cancellationToken = default) =>
        RunAsync(["resize", "-q", "-f", format, path, Bytes(sizeBytes)], cancellationToken);

    /// <summary>Runs <c>qemu-img check</c>; returns its result without judging it (exit code 0 means consistent, 2 corrupt, 3 leaked clusters).</summary>
    /// <param name="path">The image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The exit code and what qemu-img printed.</returns>
    public Task<ProcessResult> CheckAsync(string path, CancellationToken cancellationToken = default) =>
        runner.RunAsync(Command(["check", "-U", path]), cancellationToken);

    /// <summary>Reads <paramref name="path"/>'s format, sizes and backing file with <c>qemu-img info --output=json</c> (<c>-U</c>: a running QEMU may hold the image's write lock).</summary>
    /// <param name="path">The image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What qemu-img says about the image.</returns>
    /// <exception cref="ProcessFailedException">qemu-img cannot read the image (not an image, corrupt, missing).</exception>
    public async Task<ImageInfo> InfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = (await runner.RunAsync(Command(["info", "-U", "--output=json", path]), cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        return ParseInfo(result.StandardOutput, path);
    }

    /// <summary>Reads <c>qemu-img info --output=json</c> text about <paramref name="imagePath"/>.</summary>
    /// <exception cref="JsonException">The text is not JSON.</exception>
    internal static ImageInfo ParseInfo(string json, string imagePath)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var format = root.TryGetProperty("format", out var f) ? f.GetString() ?? "raw" : "raw";
        var backing = root.TryGetProperty("backing-filename", out var written) ? written.GetString() : null;
        var full = root.TryGetProperty("full-backing-filename", out var resolved) ? resolved.GetString()
            : backing is null ? null
            : Path.IsPathRooted(backing) ? backing
            : Path.Combine(Path.GetDirectoryName(Path.GetFullPath(imagePath)) ?? "/", backing);
        return new ImageInfo(
            format,
            root.TryGetProperty("virtual-size", out var virtualSize) ? virtualSize.GetInt64() : 0,
            root.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
            backing,
            full);
    }

    private static string Bytes(long bytes) => bytes.ToString(CultureInfo.InvariantCulture);

    private async Task RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        (await runner.RunAsync(Command(arguments), cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    private ProcessCommand Command(IReadOnlyList<string> arguments)
    {
        var (program, programArguments) = (options.Program, arguments);
        if (options.Loader is not null)
        {
            // Only the bundle's own loader makes its libraries work on a host whose glibc differs.
            List<string> loaded = options.LibraryPath is null ? [] : ["--library-path", options.LibraryPath];
            loaded.Add(options.Program);
            loaded.AddRange(arguments);
            (program, programArguments) = (options.Loader, loaded);
        }

        if (options.IdleScheduling)
        {
            (program, programArguments) = IdleScheduling.Wrap(program, programArguments);
        }

        return new ProcessCommand(program, programArguments) { Environment = ProcessCommand.CLocale };
    }
}
