using System.CommandLine;
using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using VmMiddleware.Cli.Settings;
using VmMiddleware.Host.Durability;
using VmMiddleware.Qemu.Installation;
using VmMiddleware.Qemu.Launch;
using VmMiddleware.Submit;
using VmMiddleware.Submit.JobAds;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary><c>vmgrid run WORKUNIT</c>: runs a work unit in QEMU on this host; exits with the guest command's exit code (see src/VmMiddleware.Qemu/README.md).</summary>
internal static class RunVerb
{
    public static Command Create(VmgridSettings settings)
    {
        var workUnit = new Argument<FileInfo?>("WORKUNIT") { Description = "The work-unit XML file (or give --job-ad).", Arity = ArgumentArity.ZeroOrOne };
        var jobAd = new Option<FileInfo?>("--job-ad")
        {
            Description = $"Run the HTCondor vm-universe job this job ad describes (the starter's .job.ad; ${JobAdWorkUnit.StarterVariable} when the file is missing) instead of a work-unit file.",
        };
        var workDir = new Option<DirectoryInfo?>("--work-dir") { Description = "The work directory (outputs in its out/); the current directory by default." };
        var guest = new Option<DirectoryInfo?>("--guest") { Description = "The reference guest directory (vmlinux, initramfs, kernel.cmdline)." };
        var json = new Option<bool>("--json") { Description = "Print the result as JSON on stdout." };
        var keep = new Option<bool>("--keep") { Description = "Keep the VM directory (volumes, overlay) after the run." };
        var fromBoot = new Option<bool>("--from-boot-checkpoint") { Description = "Start from a saved booted guest (created on first use)." };
        var bundle = new Option<DirectoryInfo?>("--qemu-bundle")
        {
            Description = $"Run QEMU from this unpacked QEMU bundle (vmgrid bundle extract); default: ${VmgridSettings.BundleVariable}, else a qemu-bundle.tar.gz beside the work unit, else qemu-system-x86_64 on PATH.",
        };
        var transferDirs = new Option<bool>("--transfer-dirs")
        {
            Description = "Leave out/ and checkpoint/ in the work directory whenever vmgrid exits, even empty (HTCondor holds a job whose transfer_output_files names a missing path).",
        };
        var command = new Command("run", "Run a work unit in a QEMU virtual machine on this host; exit with the command's exit code. A qemu-bundle.tar.gz or reference-guest.tar.gz beside the work unit is unpacked into the work directory and used.")
        {
            workUnit, jobAd, workDir, guest, bundle, json, keep, fromBoot, transferDirs,
        };
        command.SetAction(async (parse, token) =>
        {
            var work = parse.GetValue(workDir)?.FullName ?? Environment.CurrentDirectory;
            try
            {
                var (file, isJobAd) = (parse.GetValue(workUnit), parse.GetValue(jobAd)) switch
                {
                    ({ } unitFile, null) => (unitFile, false),
                    (null, { } adFile) => (JobAdWorkUnit.Locate(adFile, settings.Environment), true),
                    _ => throw new UserErrorException("vmgrid run takes a WORKUNIT file or --job-ad FILE, not both and not neither; see vmgrid run --help"),
                };
                var request = new RunRequest(parse.GetValue(guest)?.FullName, parse.GetValue(bundle)?.FullName, parse.GetValue(json), parse.GetValue(keep), parse.GetValue(fromBoot));
                return await RunFileAsync(settings, file, work, request, token, isJobAd).ConfigureAwait(false);
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

    /// <summary>Reads the work unit in <paramref name="file"/> (a work-unit XML file, or a job ad when <paramref name="isJobAd"/>) and runs it (see <see cref="RunUnitAsync"/>); a job ships its QEMU and guest beside the file.</summary>
    internal static async Task<int> RunFileAsync(VmgridSettings settings, FileInfo file, string work, RunRequest request, CancellationToken cancellationToken, bool isJobAd = false)
    {
        WorkUnit unit;
        try
        {
            unit = isJobAd ? VmJobAdMapper.Read(file.FullName, work) : WorkUnitReader.Read(file.FullName);
        }
        catch (WorkUnitFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (SubmitFileException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (IOException e)
        {
            throw new UserErrorException($"cannot read {file.FullName}: {e.Message}", e);
        }

        return await RunUnitAsync(settings, unit, file.DirectoryName ?? Environment.CurrentDirectory, work, request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="unit"/> in <paramref name="work"/> and returns vmgrid's exit code. SIGINT (<see cref="Interrupt"/>) kills the VM
    /// (exit 143); SIGTERM, once the launcher runs, asks it for an eviction checkpoint (exit 85).
    /// </summary>
    internal static async Task<int> RunUnitAsync(VmgridSettings settings, WorkUnit unit, string jobDirectory, string work, RunRequest request, CancellationToken cancellationToken)
    {
        using var interrupt = new Interrupt(cancellationToken);
        LaunchOptions options;
        try
        {
            options = await OptionsAsync(settings, unit, jobDirectory, work, request, interrupt.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (interrupt.Requested)
        {
            Progress("cancelled (SIGINT) before the job ran");
            return LaunchExitCodes.Killed;
        }

        using var eviction = new CancellationTokenSource();
        using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            eviction.Cancel();
        });

        LaunchResult result;
        try
        {
            result = await new Launcher(options).RunAsync(unit, eviction.Token, interrupt.Token).ConfigureAwait(false);
        }
        catch (LaunchException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (Exception e) when (interrupt.Token.IsCancellationRequested && e is not UserErrorException)
        {
            // SIGINT before the job's QEMU ran (accelerator, image, boot checkpoint): everything started is gone already. Not
            // only OperationCanceledException: stopping the checkpoint QEMU can make a QMP connect in flight fail first.
            Progress("cancelled (SIGINT) before the job ran");
            return LaunchExitCodes.Killed;
        }

        return Report(result, request);
    }

    /// <summary>Locates QEMU and the guest in the one order every verb uses, and fills the launcher's options from the settings.</summary>
    private static async Task<LaunchOptions> OptionsAsync(VmgridSettings settings, WorkUnit unit, string jobDirectory, string work, RunRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var qemu = QemuLocator.Locate(settings.QemuLocator(request.BundleDirectory), jobDirectory, work);
            var guest = await settings.GuestLocator(Console.Error.WriteLine)
                .LocateForJobAsync(unit, request.GuestDirectory, jobDirectory, work, Progress, cancellationToken).ConfigureAwait(false);
            return new LaunchOptions
            {
                WorkDirectory = work,
                Qemu = qemu,
                Guest = guest,
                CacheRoot = settings.CacheRoot,
                Keep = request.Keep,
                FromBootCheckpoint = request.FromBootCheckpoint,
                ImageCacheCapBytes = CacheOptions.ParseSize(CacheOptions.CapOf(settings)),
                Accelerator = settings.ForcedAccelerator(),
                Runner = settings.Runner,
                RunningFile = settings.RunningFile,
                Progress = Progress,
            };
        }
        catch (Exception e) when (e is QemuNotFoundException or GuestNotFoundException)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    private static void Progress(string line) => Console.Error.WriteLine("vmgrid: " + line);

    private static int Report(LaunchResult result, RunRequest request)
    {
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

        if (request.Json)
        {
            Console.Out.WriteLine(ToJson(result, exitCode).ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        }

        if (request.ResultFile is not null)
        {
            DurableFile.WriteAllText(request.ResultFile, ToJson(result, exitCode).ToJsonString());
        }

        return exitCode;
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
            ["returnedDisks"] = new JsonArray([.. result.ReturnedDisks.Select(m => (JsonNode?)JsonValue.Create(m))]),
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
