using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using VmMiddleware.Qemu.Bundle;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid run WORKUNIT</c>: runs a work unit in QEMU on this host; exits with the guest command's exit code (see src/VmMiddleware.Qemu/README.md).</summary>
internal static class RunVerb
{
    public static Command Create()
    {
        var workUnit = new Argument<FileInfo>("WORKUNIT") { Description = "The work-unit XML file." };
        var workDir = new Option<DirectoryInfo?>("--work-dir") { Description = "The work directory (outputs in its out/); the current directory by default." };
        var guest = new Option<DirectoryInfo?>("--guest") { Description = "The reference guest directory (vmlinux, initramfs, kernel.cmdline)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var keep = new Option<bool>("--keep") { Description = "Keep the VM directory (volumes, overlay) after the run." };
        var fromBoot = new Option<bool>("--from-boot-checkpoint") { Description = "Start from a saved booted guest (created on first use)." };
        var bundle = new Option<DirectoryInfo?>("--qemu-bundle")
        {
            Description = $"Run QEMU from this unpacked QEMU bundle (vmgrid bundle extract); default: ${BundleVariable}, else a qemu-bundle.tar.gz beside the work unit, else qemu-system-x86_64 on PATH.",
        };
        var transferDirs = new Option<bool>("--transfer-dirs")
        {
            Description = "Leave out/ and checkpoint/ in the work directory whenever vmgrid exits, even empty (HTCondor holds a job whose transfer_output_files names a missing path).",
        };
        var command = new Command("run", "Run a work unit in a QEMU virtual machine on this host; exit with the command's exit code. A qemu-bundle.tar.gz or reference-guest.tar.gz beside the work unit is unpacked into the work directory and used.")
        {
            workUnit, workDir, guest, bundle, json, keep, fromBoot, transferDirs,
        };
        // SIGINT and SIGTERM are RunAsync's own (cancel, evict), so System.CommandLine's token is not used here.
        command.SetAction(async (parse, _) =>
        {
            var work = parse.GetValue(workDir)?.FullName ?? Environment.CurrentDirectory;
            try
            {
                return await RunAsync(parse.GetValue(workUnit)!, work, parse.GetValue(guest), parse.GetValue(bundle), parse.GetValue(json), parse.GetValue(keep), parse.GetValue(fromBoot)).ConfigureAwait(false);
            }
            finally
            {
                // A work directory that names a file is already a user error; creating out/ under it would only replace that
                // one-line message with an internal error.
                if (parse.GetValue(transferDirs) && !File.Exists(work))
                {
                    JobDirectory.EnsureTransferredDirectories(work);
                }
            }
        });
        return command;
    }

    /// <summary>The environment variable naming an unpacked QEMU bundle when --qemu-bundle is not given.</summary>
    public const string BundleVariable = "VMMIDDLEWARE_QEMU_BUNDLE";

    internal static async Task<int> RunAsync(FileInfo file, string work, DirectoryInfo? guestDir, DirectoryInfo? bundleDir, bool json, bool keep, bool fromBootCheckpoint, string? resultFile = null)
    {
        static void Progress(string line) => Console.Error.WriteLine("vmgrid: " + line);
        var jobDirectory = file.DirectoryName ?? Environment.CurrentDirectory;
        WorkUnit unit;
        try
        {
            unit = WorkUnitReader.Read(file.FullName);
        }
        catch (WorkUnitFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new UserErrorException($"cannot read {file.FullName}: {e.Message}", e);
        }

        QemuInstallation qemu;
        GuestKernel? shippedGuest;
        try
        {
            qemu = FindBundle(bundleDir?.FullName)
                ?? (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("VMMIDDLEWARE_QEMU")) ? JobDirectory.ShippedQemu(jobDirectory, work) : null)
                ?? QemuInstallation.FromSystem();
            shippedGuest = guestDir is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(GuestLocator.Variable))
                ? JobDirectory.ShippedGuest(jobDirectory, work)
                : null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidDataException or IOException)
        {
            throw new UserErrorException(e.Message, e);
        }

        var guest = shippedGuest ?? (unit.Image.Kind == ImageKind.BootableDisk && guestDir is null && Environment.GetEnvironmentVariable(GuestLocator.Variable) is null
            ? TryLocate(Progress)
            : GuestLocator.Locate(guestDir?.FullName, Progress));
        var options = new LaunchOptions
        {
            WorkDirectory = work,
            Qemu = qemu,
            Guest = guest,
            Keep = keep,
            FromBootCheckpoint = fromBootCheckpoint,
            ImageCacheCapBytes = CacheOptions.ParseSize(Environment.GetEnvironmentVariable("VMMIDDLEWARE_IMAGE_CACHE_CAP") ?? CacheOptions.DefaultCap),
            Progress = Progress,
        };

        using var eviction = new CancellationTokenSource();
        using var cancellation = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            eviction.Cancel();
        });
        using var onInt = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
        {
            context.Cancel = true;
            cancellation.Cancel();
        });

        LaunchResult result;
        try
        {
            result = await new Launcher(options).RunAsync(unit, eviction.Token, cancellation.Token).ConfigureAwait(false);
        }
        catch (LaunchException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (Exception e) when (cancellation.IsCancellationRequested && e is not UserErrorException)
        {
            // SIGINT before the job's QEMU ran (accelerator, image, boot checkpoint): everything started is gone already. Not
            // only OperationCanceledException: stopping the checkpoint QEMU can make a QMP connect in flight fail first.
            Progress("cancelled (SIGINT) before the job ran");
            return LaunchExitCodes.Killed;
        }

        var exitCode = LaunchExitCodes.For(result);
        if (result.Outcome is not (LaunchOutcome.Succeeded or LaunchOutcome.GuestFailed or LaunchOutcome.Checkpointed) || result.ExitCode is null && result.Outcome == LaunchOutcome.GuestFailed)
        {
            Console.Error.WriteLine("vmgrid: console tail:");
            Console.Error.WriteLine(result.ConsoleTail);
        }

        if (exitCode == LaunchExitCodes.CommandExitedCheckpointCode && result.ExitCode == LaunchExitCodes.Checkpointed)
        {
            Progress($"the command exited {LaunchExitCodes.Checkpointed}, which is the checkpoint exit code; vmgrid exits {exitCode} instead so that it is not taken for a checkpoint");
        }

        if (result.MissingOutputs.Count > 0)
        {
            Progress("declared outputs not produced: " + string.Join(", ", result.MissingOutputs));
        }

        if (json)
        {
            Console.Out.WriteLine(ToJson(result, exitCode).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        if (resultFile is not null)
        {
            Host.Durability.DurableFile.WriteAllText(resultFile, ToJson(result, exitCode).ToJsonString());
        }

        return exitCode;
    }

    private static QemuInstallation? FindBundle(string? bundleDir)
    {
        var bundle = bundleDir ?? (Environment.GetEnvironmentVariable(BundleVariable) is { Length: > 0 } fromVariable ? fromVariable : null);
        if (bundle is null)
        {
            return null;
        }

        try
        {
            return QemuBundle.Open(bundle);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{(bundleDir is null ? "$" + BundleVariable : "--qemu-bundle")} {bundle}: {e.Message}", e);
        }
    }

    private static GuestKernel? TryLocate(Action<string> progress)
    {
        try
        {
            return GuestLocator.Locate(null, progress);
        }
        catch (UserErrorException)
        {
            return null;
        }
    }

    internal static JsonObject ToJson(LaunchResult result, int exitCode)
    {
        static double S(TimeSpan t) => Math.Round(t.TotalSeconds, 3);
        return new JsonObject
        {
            ["outcome"] = result.Outcome.ToString(),
            ["exitCode"] = result.ExitCode,
            ["processExitCode"] = exitCode,
            ["reason"] = result.Reason,
            ["accelerator"] = result.Accelerator,
            ["acceleratorReason"] = result.AcceleratorReason,
            ["startKind"] = result.StartKind,
            ["outputDirectory"] = result.OutputDirectory,
            ["consoleLog"] = result.ConsoleLog,
            ["missingOutputs"] = new JsonArray([.. result.MissingOutputs.Select(m => (JsonNode?)JsonValue.Create(m))]),
            ["qemuPid"] = result.QemuPid,
            ["timings"] = new JsonObject
            {
                ["prepareSeconds"] = S(result.Timings.Prepare),
                ["bootSeconds"] = S(result.Timings.Boot),
                ["runSeconds"] = S(result.Timings.Run),
                ["shutdownSeconds"] = S(result.Timings.Shutdown),
                ["collectSeconds"] = S(result.Timings.Collect),
                ["checkpointSeconds"] = S(result.Timings.Checkpoint),
                ["toStartSeconds"] = S(result.Timings.ToStart),
                ["totalSeconds"] = S(result.Timings.Total),
            },
        };
    }
}
