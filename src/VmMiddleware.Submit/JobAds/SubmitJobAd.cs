using System.Globalization;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit.JobAds;

/// <summary>Makes the job ClassAd condor_submit makes from one queued job, for the commands VM-universe jobs and vmgrid's vanilla jobs use.</summary>
/// <remarks>
/// A model of a subset of HTCondor's SubmitHash (condor_utils/submit_utils.cpp), read as facts: the universe, Cmd, Arguments,
/// the standard streams, file transfer, the request_ commands, checkpointing, periodic hold, requirements (the VM-universe
/// clauses of SetRequirements; a vanilla job's +Requirements), rank, +attributes and every attribute SetVMParams sets.
/// Attributes that depend on the files on disk (DiskUsage, ExecutableSize of a vanilla job, TransferInputSizeMB) and
/// those of the submit session (Owner, QDate, ClusterId, ...) are not made. Commands outside the model are left out of the ad.
/// </remarks>
public static partial class SubmitJobAd
{
    /// <summary>JobUniverse of the vanilla universe.</summary>
    public const int VanillaUniverse = 5;

    /// <summary>JobUniverse of the vm universe.</summary>
    public const int VmUniverse = 13;

    /// <summary>Returns the job ad of <paramref name="job"/>.</summary>
    /// <exception cref="SubmitFileException">The job's universe is neither vanilla nor vm, or a command's value is not what condor_submit accepts; the message names the command's file and line.</exception>
    public static ClassAd Make(SubmitJob job, SubmitJobAdOptions options)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentNullException.ThrowIfNull(options);
        var commands = new JobCommands(job);
        var ad = new ClassAd();
        var universe = commands.Text("universe")?.Trim().ToLowerInvariant() switch
        {
            null or "vanilla" => VanillaUniverse,
            "vm" => VmUniverse,
            var other => throw commands.Error(commands.Find("universe"), $"universe = {other} is outside this model of condor_submit; expected vanilla or vm"),
        };
        var isVm = universe == VmUniverse;
        ad.InsertValue("JobUniverse", Value.FromInteger(universe));
        ad.InsertValue("Iwd", Value.FromString(options.Iwd));
        if (commands.Text("executable") is { } executable)
        {
            // In the vm universe executable is only a label (SFR_PSEUDO_EXECUTABLE); otherwise a path made absolute.
            var cmd = executable.Trim();
            ad.InsertValue("Cmd", Value.FromString(isVm ? cmd : Path.GetFullPath(Path.Combine(options.Iwd, cmd))));
            if (isVm)
            {
                // SetExecutable: nothing is transferred for a pseudo executable.
                ad.InsertValue("TransferExecutable", Value.False);
            }
        }

        if (commands.Find("arguments") is { } arguments)
        {
            ad.InsertValue("Arguments", Value.FromString(V2Arguments(commands, arguments)));
        }

        Streams(ad, commands, isVm);
        Transfer(ad, commands, isVm);
        Requests(ad, commands, isVm);
        if (isVm)
        {
            VmParams(ad, commands);
        }

        foreach (var (key, attribute) in ExpressionCommands)
        {
            if (commands.Find(key) is { } command)
            {
                Insert(ad, commands, command, attribute);
            }
        }

        foreach (var command in job.Commands.Where(c => c.IsJobAttribute && c.Value.Length > 0))
        {
            Insert(ad, commands, command, command.Name);
        }

        if (!ad.Contains("Requirements"))
        {
            ad.InsertExpression("Requirements", GeneratedRequirements(ad, commands, isVm, options));
        }

        return ad;
    }

    private static readonly (string Key, string Attribute)[] ExpressionCommands =
    [
        ("rank", "Rank"), ("periodic_hold", "PeriodicHold"), ("periodic_hold_reason", "PeriodicHoldReason"),
        ("periodic_hold_subcode", "PeriodicHoldSubCode"), ("job_max_vacate_time", "JobMaxVacateTime"), ("allowed_job_duration", "AllowedJobDuration"),
    ];

    private static void Streams(ClassAd ad, JobCommands commands, bool isVm)
    {
        foreach (var (key, attribute, transfer, stream) in new[] { ("output", "Out", "TransferOut", "StreamOut"), ("error", "Err", "TransferErr", "StreamErr") })
        {
            var file = commands.Text(key)?.Trim();
            if (string.IsNullOrEmpty(file) || file == "/dev/null")
            {
                ad.InsertValue(attribute, Value.FromString("/dev/null"));
                ad.InsertValue(transfer, Value.False);
                continue;
            }

            if (isVm)
            {
                throw commands.Error(commands.Find(key), "You cannot use input, ouput, and error parameters in the submit description file for vm universe");
            }

            ad.InsertValue(attribute, Value.FromString(file));
            ad.InsertValue(stream, Value.False);
        }
    }

    private static void Transfer(ClassAd ad, JobCommands commands, bool isVm)
    {
        // SetUniverse forces file transfer for the vm universe: ON_EXIT_OR_EVICT with vm_checkpoint, else ON_EXIT.
        var should = isVm ? "YES" : commands.Text("should_transfer_files")?.Trim().ToUpperInvariant();
        var when = isVm ? (commands.Boolean("vm_checkpoint") == true ? "ON_EXIT_OR_EVICT" : "ON_EXIT") : commands.Text("when_to_transfer_output")?.Trim().ToUpperInvariant();
        if (should is not null)
        {
            ad.InsertValue("ShouldTransferFiles", Value.FromString(should));
        }

        if (when is not null)
        {
            ad.InsertValue("WhenToTransferOutput", Value.FromString(when));
        }

        foreach (var (key, attribute) in new[] { ("transfer_input_files", "TransferInput"), ("transfer_output_files", "TransferOutput"), ("transfer_checkpoint_files", "TransferCheckpoint") })
        {
            if (commands.Find(key) is { } list)
            {
                ad.InsertValue(attribute, Value.FromString(string.Join(',', JobCommands.List(list.Value))));
            }
        }

        if (commands.Find("checkpoint_exit_code") is { } code)
        {
            ad.InsertValue("CheckpointExitCode", Value.FromInteger(
                long.TryParse(code.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                    ? value : throw commands.Error(code, $"checkpoint_exit_code = {code.Value} is not a whole number")));
        }
    }

    private static void Requests(ClassAd ad, JobCommands commands, bool isVm)
    {
        Request(ad, commands, "request_cpus", "RequestCpus", baseBytes: 0);
        Request(ad, commands, "request_disk", "RequestDisk", baseBytes: 1024);
        Request(ad, commands, "request_memory", "RequestMemory", baseBytes: 1024 * 1024);
        if (isVm && !ad.Contains("RequestMemory"))
        {
            // SetRequestMem: "request_memory was NOT specified.  Using RequestMemory = MY.JobVMMemory".
            ad.InsertExpression("RequestMemory", "MY.JobVMMemory");
        }

        // SetRequestResources calls the setters for the requests a file leaves out, which take the configuration's
        // defaults (param_info.in): JOB_DEFAULT_REQUESTCPUS 1, JOB_DEFAULT_REQUESTMEMORY 128, JOB_DEFAULT_REQUESTDISK below.
        if (!ad.Contains("RequestCpus"))
        {
            ad.InsertValue("RequestCpus", Value.FromInteger(1));
        }

        if (!ad.Contains("RequestMemory"))
        {
            ad.InsertValue("RequestMemory", Value.FromInteger(128));
        }

        if (!ad.Contains("RequestDisk"))
        {
            ad.InsertExpression("RequestDisk", "MAX({ 1024,(TransferInputSizeMB + 1) * 1.25 }) * 1024");
        }
    }

    private static void Request(ClassAd ad, JobCommands commands, string key, string attribute, long baseBytes)
    {
        if (commands.Find(key) is not { } command)
        {
            return;
        }

        var number = baseBytes == 0
            ? (long.TryParse(command.Value.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var count) ? count : (long?)null)
            : CondorQuantity.Parse(command.Value, baseBytes);
        if (number is { } value)
        {
            ad.InsertValue(attribute, Value.FromInteger(value));
        }
        else
        {
            Insert(ad, commands, command, attribute);
        }
    }

    private static string V2Arguments(JobCommands commands, SubmitCommand arguments)
    {
        try
        {
            return string.Join(' ', ArgumentSyntax.Arguments(arguments.Value).Select(V2Word));
        }
        catch (StatementException e)
        {
            throw commands.Error(arguments, $"arguments: {e.Message}");
        }
    }

    // ArgList's V2 raw form: a word with white space or a single quote is single-quoted, with '' for a quote inside.
    private static string V2Word(string word) =>
        word.Length > 0 && !word.Any(c => char.IsWhiteSpace(c) || c == '\'') ? word : "'" + word.Replace("'", "''", StringComparison.Ordinal) + "'";

    private static void Insert(ClassAd ad, JobCommands commands, SubmitCommand command, string attribute)
    {
        try
        {
            ad.Insert(attribute, ExpressionParser.Parse(command.Value));
        }
        catch (ClassAdParseException e)
        {
            throw commands.Error(command, $"{command.Key} is not a ClassAd expression: column {e.Column}: {e.Problem}");
        }
    }
}
