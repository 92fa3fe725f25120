using System.Globalization;
using System.Text.Json;
using VmMiddleware.Host.Processes;

namespace VmMiddleware.Images.Store;

/// <summary>The qemu-img operations the factory needs: overlays, conversion, header-only rebase, info, check, resize.</summary>
/// <param name="runner">Runs qemu-img.</param>
/// <param name="program">The qemu-img program (default: found on PATH).</param>
public sealed class QemuImg(IProcessRunner runner, string program = "qemu-img")
{
    /// <summary>Creates a qcow2 overlay at <paramref name="path"/> on <paramref name="backing"/> (a path relative to the overlay's directory, stored as written).</summary>
    /// <param name="path">The new overlay.</param>
    /// <param name="backing">The backing file, relative to the overlay's directory.</param>
    /// <param name="sizeBytes">A larger virtual size, or null to keep the backing file's.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task CreateOverlayAsync(string path, string backing, long? sizeBytes = null, CancellationToken cancellationToken = default)
    {
        List<string> args = ["create", "-q", "-f", "qcow2", "-b", backing, "-F", "qcow2", path];
        if (sizeBytes is { } size)
        {
            args.Add(size.ToString(CultureInfo.InvariantCulture));
        }

        (await runner.RunAsync(program, args, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>Creates a qcow2 overlay of <paramref name="sizeBytes"/> naming <paramref name="backing"/> without opening it (<c>-u</c>: the backing may not exist yet).</summary>
    public async Task CreateOverlayUnopenedAsync(string path, string backing, long sizeBytes, CancellationToken cancellationToken = default) =>
        (await runner.RunAsync(program, ["create", "-q", "-f", "qcow2", "-u", "-b", backing, "-F", "qcow2", path, sizeBytes.ToString(CultureInfo.InvariantCulture)], cancellationToken)
            .ConfigureAwait(false)).EnsureSuccess();

    /// <summary>Converts <paramref name="source"/> to <paramref name="destination"/> in <paramref name="format"/>; with <paramref name="backing"/> only the clusters that differ from it are written.</summary>
    /// <param name="source">The image to read (its chain is followed).</param>
    /// <param name="destination">The file to write.</param>
    /// <param name="format">The output format name (qcow2, raw, vmdk, vdi, vhdx).</param>
    /// <param name="sourceFormat">The source format, or null to detect it.</param>
    /// <param name="backing">A qcow2 backing file for the output (relative to it), or null for a standalone image.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task ConvertAsync(string source, string destination, string format, string? sourceFormat = null, string? backing = null, CancellationToken cancellationToken = default)
    {
        List<string> args = ["convert", "-U", "-O", format];
        if (sourceFormat is not null)
        {
            args.AddRange(["-f", sourceFormat]);
        }

        if (backing is not null)
        {
            args.AddRange(["-B", backing, "-o", "backing_fmt=qcow2"]);
        }

        args.AddRange([source, destination]);
        (await runner.RunAsync(program, args, cancellationToken).ConfigureAwait(false)).EnsureSuccess();
    }

    /// <summary>Rewrites only the backing-file name in <paramref name="path"/>'s header (the data is unchanged: the new name must hold the same content).</summary>
    public async Task RebaseUnsafeAsync(string path, string backing, CancellationToken cancellationToken = default) =>
        (await runner.RunAsync(program, ["rebase", "-u", "-b", backing, "-F", "qcow2", path], cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    /// <summary>Grows <paramref name="path"/> to <paramref name="sizeBytes"/>.</summary>
    public async Task ResizeAsync(string path, string format, long sizeBytes, CancellationToken cancellationToken = default) =>
        (await runner.RunAsync(program, ["resize", "-q", "-f", format, path, sizeBytes.ToString(CultureInfo.InvariantCulture)], cancellationToken).ConfigureAwait(false)).EnsureSuccess();

    /// <summary>Runs <c>qemu-img check</c>; returns its result (exit code 0 means consistent).</summary>
    public Task<ProcessResult> CheckAsync(string path, CancellationToken cancellationToken = default) =>
        runner.RunAsync(program, ["check", "-U", path], cancellationToken);

    /// <summary>Reads <paramref name="path"/>'s format, sizes and backing file with <c>qemu-img info --output=json</c>.</summary>
    public async Task<ImageInfo> InfoAsync(string path, CancellationToken cancellationToken = default)
    {
        var result = (await runner.RunAsync(program, ["info", "-U", "--output=json", path], cancellationToken).ConfigureAwait(false)).EnsureSuccess();
        using var json = JsonDocument.Parse(result.StandardOutput);
        var root = json.RootElement;
        return new ImageInfo(
            root.GetProperty("format").GetString() ?? "raw",
            root.GetProperty("virtual-size").GetInt64(),
            root.TryGetProperty("actual-size", out var actual) ? actual.GetInt64() : 0,
            root.TryGetProperty("backing-filename", out var backing) ? backing.GetString() : null);
    }
}
