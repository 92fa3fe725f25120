using System.Globalization;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Translation.Rsl;

/// <summary>Turns a work unit into the GRAM5 request that runs it through the launcher: a pure function, no I/O.</summary>
/// <remarks>
/// The staging location and the job directory share one flat layout (GRAM creates no directories when staging in):
/// the launcher (the executable, which the job manager fetches and makes executable itself), the QEMU bundle, the
/// reference guest, the work unit as written by <see cref="StagedWorkUnit"/>, the image as image-NAME and input i as
/// input-i-NAME (<see cref="Staging.JobLayout"/>). The launcher runs as "vmgrid run workunit.xml --work-dir DIR --json" and
/// leaves the outputs under DIR/out, the guest command's streams in DIR/out/stdout and DIR/out/stderr; its own streams
/// go to vmgrid.stdout (with --json, its result: the trustworthy final state that vmgrid status reads, since a GRAM5
/// job manager reports DONE for jobs it has forgotten) and vmgrid.stderr. All of these come back to the same relative paths at the staging location, whose out/ directories
/// must exist (GASS and GridFTP do not create them for GRAM). max_memory is the guest's memory plus
/// <see cref="RslTranslationOptions.QemuOverheadMiB"/>; max_wall_time is the work unit's wall time in whole minutes,
/// rounded up.
/// </remarks>
public static class WorkUnitRslTranslator
{
    /// <summary>The absolute root under which <see cref="StagedWorkUnit"/> places host paths; write that work unit with WorkUnitWriter relative to it.</summary>
    public const string StagedRoot = Staging.JobLayout.Root;

    /// <summary>The subdirectory of the job directory where the launcher leaves the outputs.</summary>
    public const string OutputDirectory = "out";

    private const string StageVariable = "VMGRID_STAGE";
    private const string GassVariable = "GLOBUSRUN_GASS_URL";
    private const string ScratchVariable = "SCRATCH_DIRECTORY";

    /// <summary>Returns the GRAM5 request that runs <paramref name="workUnit"/> through the launcher.</summary>
    /// <exception cref="ArgumentException">The options name no staging location, or both.</exception>
    /// <exception cref="NotSupportedException">The work unit has a directory input or a glob or directory output, which GRAM cannot stage.</exception>
    public static RslRequest Translate(WorkUnit workUnit, RslTranslationOptions options)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        ArgumentNullException.ThrowIfNull(options);
        var stageBase = StageBase(options);
        RslValue Staged(string relative) => RslValue.Concatenation(RslValue.Variable(StageVariable), RslValue.Literal("/" + relative));
        RslValue Pair(RslValue first, RslValue second) => RslValue.Sequence(first, second);

        var directory = options.RemoteDirectory is { } remote ? RslValue.Literal(remote) : RslValue.Variable(ScratchVariable);
        var relations = new List<RslRelation>
        {
            new("rsl_substitution", Pair(RslValue.Literal(StageVariable), stageBase)),
            new("executable", Staged(options.LauncherFileName)),
            new("arguments", RslValue.Literal("run"), RslValue.Literal(options.WorkUnitFileName), RslValue.Literal("--work-dir"), directory, RslValue.Literal("--json")),
        };
        if (options.RemoteDirectory is null)
        {
            relations.Add(new("scratch_dir", RslValue.Variable("HOME")));
        }

        relations.Add(new("directory", directory));
        relations.Add(new("environment", Pair(RslValue.Literal("VMMIDDLEWARE_WORKUNIT"), RslValue.Literal(workUnit.Name))));
        relations.Add(new("count", RslValue.Literal("1")));
        relations.Add(new("job_type", RslValue.Literal("single")));
        relations.Add(new("max_memory", Number(checked(workUnit.Hardware.MemoryMiB + options.QemuOverheadMiB))));
        relations.Add(new("max_wall_time", Number(WholeMinutes(workUnit.Limits.WallTime))));

        var stageIn = StagedInputs(workUnit, options).Select(name => Pair(Staged(name), RslValue.Literal(name)));
        relations.Add(new("file_stage_in", stageIn));

        // A work unit without a command leaves its console log in out/ and brings its writable disks back under their names.
        string[] streams = workUnit.Command is null ? [OutputDirectory + "/console.log"] : [OutputDirectory + "/stdout", OutputDirectory + "/stderr"];
        var stageOut = workUnit.Outputs.Select(output => OutputDirectory + "/" + RequireFile(output))
            .Concat(streams).Concat(["vmgrid.stdout", "vmgrid.stderr"]).Concat(DiskReturns.ReturnedFiles(workUnit))
            .Select(path => Pair(RslValue.Literal(path), Staged(path)));
        relations.Add(new("file_stage_out", stageOut));
        relations.Add(new("stdout", RslValue.Literal("vmgrid.stdout")));
        relations.Add(new("stderr", RslValue.Literal("vmgrid.stderr")));
        return new RslRequest(relations);
    }

    /// <summary>Returns the work unit as the execute host sees it: inputs and a host-path image under <see cref="StagedRoot"/> with their staged names.</summary>
    /// <exception cref="NotSupportedException">The work unit has a directory input, which GRAM cannot stage.</exception>
    public static WorkUnit StagedWorkUnit(WorkUnit workUnit)
    {
        ArgumentNullException.ThrowIfNull(workUnit);
        for (var i = 0; i < workUnit.Inputs.Count; i++)
        {
            InputName(workUnit.Inputs[i], i);
        }

        return Staging.JobLayout.ExecuteSide(workUnit, shipUrlImage: false);
    }

    private static IEnumerable<string> StagedInputs(WorkUnit workUnit, RslTranslationOptions options)
    {
        yield return options.BundleFileName;
        if (workUnit.Image.Kind != ImageKind.BootableDisk)
        {
            yield return options.GuestFileName;
        }

        yield return options.WorkUnitFileName;
        if (workUnit.Image.Location is { Kind: ImageLocationKind.HostPath })
        {
            yield return Staging.JobLayout.ImageName(workUnit);
        }

        foreach (var (name, source) in Staging.JobLayout.MachineFiles(workUnit))
        {
            yield return source.Contains("://", StringComparison.Ordinal)
                ? throw new NotSupportedException($"The disk {source} is a URL; GRAM stages host files only, so give the disk as a file.")
                : name;
        }

        for (var i = 0; i < workUnit.Inputs.Count; i++)
        {
            yield return InputName(workUnit.Inputs[i], i);
        }
    }

    private static RslValue StageBase(RslTranslationOptions options) => (options.StagingUrlBase, options.ClientDirectory) switch
    {
        ({ } url, null) => RslValue.Literal(url.TrimEnd('/')),
        (null, { } dir) when Path.IsPathFullyQualified(dir) =>
            RslValue.Concatenation(RslValue.Variable(GassVariable), RslValue.Literal(dir.TrimEnd('/'))),
        (null, { } dir) => throw new ArgumentException($"The client directory '{dir}' must be absolute.", nameof(options)),
        _ => throw new ArgumentException("Set exactly one of StagingUrlBase and ClientDirectory.", nameof(options)),
    };

    private static string InputName(InputItem input, int index) => input.Kind == InputKind.File
        ? Staging.JobLayout.InputName(input, index)
        : throw new NotSupportedException($"The input '{input.Source}' is a directory; GRAM stages single files only, so pack it into an archive.");

    private static string RequireFile(OutputSpec output) => output.IsDirectory || output.IsGlob
        ? throw new NotSupportedException($"The output '{output.Path}' is a directory or a glob; GRAM stages out named files only.")
        : output.Path;

    private static RslValue Number(long value) => RslValue.Literal(value.ToString(CultureInfo.InvariantCulture));

    private static long WholeMinutes(TimeSpan duration) => (duration.Ticks + TimeSpan.TicksPerMinute - 1) / TimeSpan.TicksPerMinute;
}
