using System.CommandLine;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Disks;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.DiskImages;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid image apply-delta DELTA [--base FILE] [-o OUT]</c>: applies a disk delta that a VM-universe job brought back (NAME.delta) to its base image.</summary>
internal static class ImageVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("image", "Work with the disk images jobs bring back.");
        command.Subcommands.Add(ApplyDelta(settings));
        return command;
    }

    private static Command ApplyDelta(VmgridSettings settings)
    {
        var delta = new Argument<FileInfo>("DELTA") { Description = "A returned delta, NAME.delta: a qcow2 overlay whose backing file is NAME." };
        var baseImage = new Option<FileInfo?>("--base") { Description = "The image the delta was made over (default: the backing file it names, beside it)." };
        var output = new Option<FileInfo?>("--output", "-o") { Description = "Write the result here, in the base's format (default: replace the base image, atomically)." };
        var bundle = new Option<DirectoryInfo?>("--qemu-bundle") { Description = "Run qemu-img from this unpacked QEMU bundle (default: qemu-img on PATH)." };
        var command = new Command("apply-delta", "Apply a returned disk delta (NAME.delta) to its base image: the base with the guest's changes, in the base's own format.")
        {
            delta, baseImage, output, bundle,
        };
        command.SetAction(async (parse, token) =>
        {
            string written;
            try
            {
                var tool = parse.GetValue(bundle) is { } dir ? QemuBundle.Open(dir.FullName).ImageToolOptions() : new QemuImgOptions("qemu-img");
                var qemuImg = new QemuImg(settings.Runner, tool);
                written = await DeltaApplier.ApplyAsync(parse.GetValue(delta)!.FullName, parse.GetValue(baseImage)?.FullName, parse.GetValue(output)?.FullName, qemuImg, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or IOException or UnauthorizedAccessException)
            {
                throw new UserErrorException(e.Message, e);
            }

            Console.Out.WriteLine(written);
            return ExitCodes.Success;
        });
        return command;
    }
}
