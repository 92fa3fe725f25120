using System.CommandLine;
using System.Text.Json;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Installation;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid bundle qemu|extract</c>: pack the local QEMU into a relocatable archive that runs on hosts without QEMU, and unpack one.</summary>
internal static class BundleVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var command = new Command("bundle", "Build and unpack the relocatable QEMU bundle that jobs ship to execute hosts.");
        command.Subcommands.Add(Qemu(settings));
        command.Subcommands.Add(Extract());
        return command;
    }

    private static Command Qemu(VmgridSettings settings)
    {
        var output = new Option<FileInfo>("--output", "-o") { Description = "The .tar.gz to write (replaced atomically).", Required = true };
        var qemu = new Option<FileInfo?>("--qemu") { Description = "The qemu-system-x86_64 to pack (default: the one on PATH)." };
        var qemuImg = new Option<FileInfo?>("--qemu-img") { Description = "The qemu-img to pack (default: beside qemu-system-x86_64, else on PATH)." };
        var moduleDir = new Option<DirectoryInfo?>("--module-dir") { Description = "QEMU's module directory (default: found beside its libraries, e.g. /usr/lib/x86_64-linux-gnu/qemu)." };
        var json = new Option<bool>("--json") { Description = "Print the manifest as JSON." };
        var command = new Command("qemu", "Pack qemu-system-x86_64, qemu-img, every library ldd names, the dynamic loader, the TCG module and the PC firmware into a deterministic .tar.gz.")
        {
            output, qemu, qemuImg, moduleDir, json,
        };
        command.SetAction(async (parse, token) =>
        {
            BundleManifest manifest;
            try
            {
                var sources = await BundleSources.DiscoverAsync(
                    settings.Runner, settings.SearchPath, parse.GetValue(qemu)?.FullName, parse.GetValue(qemuImg)?.FullName, parse.GetValue(moduleDir)?.FullName, token).ConfigureAwait(false);
                manifest = await QemuBundle.CreateAsync(sources, parse.GetValue(output)!.FullName, settings.Runner, token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
            {
                throw new UserErrorException(e.Message, e);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonSerializer.Serialize(manifest, CliJsonContext.Default.BundleManifest));
            }
            else
            {
                var bytes = manifest.Files.Sum(f => f.Size);
                Console.Out.WriteLine($"{parse.GetValue(output)!.FullName}: {manifest.QemuVersion}; {manifest.Files.Count} files, {bytes / (1 << 20)} MiB unpacked");
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Extract()
    {
        var archive = new Argument<FileInfo>("ARCHIVE") { Description = "A bundle written by 'vmgrid bundle qemu'." };
        var directory = new Option<DirectoryInfo>("--directory", "-d") { Description = "The directory to create and unpack into; it must not exist.", Required = true };
        var command = new Command("extract", "Unpack a bundle safely (regular files only, no '..', no links), check it against its manifest, and print how to run it.")
        {
            archive, directory,
        };
        command.SetAction(parse =>
        {
            QemuInstallation installation;
            try
            {
                installation = QemuBundle.Extract(parse.GetValue(archive)!.FullName, parse.GetValue(directory)!.FullName);
            }
            catch (Exception e) when (e is IOException or InvalidDataException)
            {
                throw new UserErrorException(e.Message, e);
            }

            Console.Out.WriteLine(JsonSerializer.Serialize(installation, CliJsonContext.Default.QemuInstallation));
            return ExitCodes.Success;
        });
        return command;
    }
}
