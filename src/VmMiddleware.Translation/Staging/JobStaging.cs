using VmMiddleware.Host.Durability;
using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Rsl;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Staging;

/// <summary>Writes a translated job and everything it ships into a job directory laid out as <see cref="JobLayout"/> says; the one staging class that does I/O, so the translators stay pure.</summary>
/// <remarks>
/// Images are linked and inputs copied. A job directory is built beside its final place and renamed into it
/// (<see cref="BuildInPlaceAsync"/>), so nothing is half written.
/// </remarks>
public static class JobStaging
{
    /// <summary>The file name of a single job's HTCondor submit description.</summary>
    public const string SubmitFileName = "job.sub";

    /// <summary>The file name of a GRAM5 RSL request.</summary>
    public const string RslFileName = "job.rsl";

    /// <summary>Returns the absolute path of <paramref name="directory"/>, refusing one that exists as a file or as a directory that is not empty.</summary>
    /// <exception cref="JobStagingException">The directory is taken.</exception>
    public static string RequireNewDirectory(string directory)
    {
        var target = Path.GetFullPath(directory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new JobStagingException($"{target} already exists and is not empty; expected a new output directory");
        }

        return target;
    }

    /// <summary>Builds a job directory beside <paramref name="target"/> with <paramref name="write"/>, renames it to <paramref name="target"/> and returns the path of the job description.</summary>
    /// <param name="target">The absolute final directory (see <see cref="RequireNewDirectory"/>): absent or empty.</param>
    /// <param name="write">Fills the directory it is given and returns the job description's file name in it.</param>
    /// <param name="cancellationToken">Stops the build; the partial directory is removed.</param>
    public static async Task<string> BuildInPlaceAsync(string target, Func<string, CancellationToken, Task<string>> write, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        ArgumentNullException.ThrowIfNull(write);
        var staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var description = await write(staging, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(target))
            {
                Directory.Delete(target);
            }

            Directory.Move(staging, target);
            return Path.Combine(target, description);
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>Writes an HTCondor vanilla-universe job for <paramref name="unit"/> into <paramref name="directory"/> and returns the submit description's file name.</summary>
    /// <param name="unit">The work unit as submitted.</param>
    /// <param name="directory">The directory being built.</param>
    /// <param name="artifacts">The launcher, bundle and guest to ship.</param>
    /// <param name="factory">A factory service whose held images the job names as vmimage:// URLs instead of shipping them (<see cref="FactoryImages"/>), or null.</param>
    /// <param name="progress">Receives one line per step or warning.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <exception cref="JobStagingException">The translator refuses the work unit.</exception>
    public static async Task<string> WriteCondorAsync(WorkUnit unit, string directory, IJobArtifacts artifacts, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(artifacts);
        unit = await FactoryImages.NameHeldAsync(unit, factory, progress, cancellationToken).ConfigureAwait(false);
        var options = Sized(unit, new CondorTranslationOptions());
        Translate(() => WorkUnitCondorTranslator.Translate(unit, options)); // refusals come before anything is packed
        await artifacts.WriteIntoAsync(directory, unit.Image.Kind != ImageKind.BootableDisk, progress, cancellationToken).ConfigureAwait(false);
        options = await FactoryArtifacts.NameHeldAsync(directory, options, factory, progress, cancellationToken).ConfigureAwait(false);
        var job = Translate(() => WorkUnitCondorTranslator.Translate(unit, options));
        WriteJobFiles(job, directory);
        AtomicText(Path.Combine(directory, SubmitFileName), SubmitDescriptionWriter.Write(job.Submit));
        return SubmitFileName;
    }

    /// <summary>Writes a DAGMan DAG for <paramref name="workflow"/>, one node directory per work unit, into <paramref name="directory"/> and returns the DAG's file name.</summary>
    /// <param name="workflow">The workflow as submitted.</param>
    /// <param name="directory">The directory being built.</param>
    /// <param name="artifacts">The launcher, bundle and guest to ship.</param>
    /// <param name="factory">A factory service whose held images the nodes name as vmimage:// URLs instead of shipping them, or null.</param>
    /// <param name="progress">Receives one line per step or warning.</param>
    /// <param name="cancellationToken">Stops the writing.</param>
    /// <exception cref="JobStagingException">The translator refuses the workflow.</exception>
    public static async Task<string> WriteDagAsync(Workflow workflow, string directory, IJobArtifacts artifacts, IFactoryContent? factory, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(artifacts);
        workflow = await FactoryImages.NameHeldAsync(workflow, factory, progress, cancellationToken).ConfigureAwait(false);
        Translate(() => WorkflowDagTranslator.Translate(workflow, new CondorTranslationOptions())); // refusals come before anything is packed
        await artifacts.WriteIntoAsync(directory, workflow.Nodes.Any(n => n.WorkUnit.Image.Kind != ImageKind.BootableDisk), progress, cancellationToken).ConfigureAwait(false);
        var options = await FactoryArtifacts.NameHeldAsync(directory, new CondorTranslationOptions(), factory, progress, cancellationToken).ConfigureAwait(false);
        var dag = Translate(() => WorkflowDagTranslator.Translate(workflow, options));
        foreach (var node in dag.Nodes)
        {
            var nodeDirectory = Path.Combine(directory, node.Directory);
            Directory.CreateDirectory(nodeDirectory);
            WriteJobFiles(node.Job, nodeDirectory);
            AtomicText(Path.Combine(nodeDirectory, node.SubmitFileName), SubmitDescriptionWriter.Write(node.Job.Submit));
        }

        var name = workflow.Name + ".dag";
        AtomicText(Path.Combine(directory, name), dag.DagText);
        return name;
    }

    /// <summary>Writes a GRAM5 RSL request for <paramref name="unit"/> with its staged files into <paramref name="directory"/> and returns the request's file name.</summary>
    /// <param name="unit">The work unit as submitted.</param>
    /// <param name="directory">The directory being built.</param>
    /// <param name="finalDirectory">Where the directory will end up, which GASS staging names.</param>
    /// <param name="artifacts">The launcher, bundle and guest to ship.</param>
    /// <param name="stageUrl">A URL base the files are staged from instead of GASS, or null.</param>
    /// <param name="progress">Receives one line per step or warning.</param>
    /// <param name="cancellationToken">Stops the packing.</param>
    /// <exception cref="JobStagingException">The translator refuses the work unit.</exception>
    public static async Task<string> WriteRslAsync(WorkUnit unit, string directory, string finalDirectory, IJobArtifacts artifacts, string? stageUrl, Action<string> progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(artifacts);
        var options = stageUrl is null ? RslTranslationOptions.OverGass(finalDirectory) : RslTranslationOptions.FromUrlBase(stageUrl);
        var request = Translate(() => WorkUnitRslTranslator.Translate(unit, options));
        var executeSide = Translate(() => WorkUnitRslTranslator.StagedWorkUnit(unit));
        await artifacts.WriteIntoAsync(directory, unit.Image.Kind != ImageKind.BootableDisk, progress, cancellationToken).ConfigureAwait(false);
        AtomicText(Path.Combine(directory, options.WorkUnitFileName), WorkUnitWriter.ToXml(executeSide, JobLayout.Root));
        CopyHostFiles(unit, directory);
        Directory.CreateDirectory(Path.Combine(directory, WorkUnitRslTranslator.OutputDirectory));
        AtomicText(Path.Combine(directory, RslFileName), RslWriter.Write(request));
        return RslFileName;
    }

    private static void WriteJobFiles(CondorJob job, string directory)
    {
        if (job.Files.Any(f => f.Kind == ShippedFileKind.WorkUnit))
        {
            AtomicText(Path.Combine(directory, "workunit.xml"), WorkUnitWriter.ToXml(job.ExecuteWorkUnit, JobLayout.Root));
        }

        foreach (var file in job.Files.Where(f => f.Source is not null))
        {
            Ship(file.Source!, Path.Combine(directory, file.SubmitPath), file.Kind is ShippedFileKind.Image or ShippedFileKind.MachineFile);
        }
    }

    private static void CopyHostFiles(WorkUnit unit, string directory)
    {
        if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } image)
        {
            Ship(image.Value, Path.Combine(directory, JobLayout.ImageName(unit)), link: true);
        }

        foreach (var (name, source) in JobLayout.MachineFiles(unit).Where(f => !f.Source.Contains("://", StringComparison.Ordinal)))
        {
            Ship(source, Path.Combine(directory, name), link: true);
        }

        for (var i = 0; i < unit.Inputs.Count; i++)
        {
            Ship(unit.Inputs[i].Source, Path.Combine(directory, JobLayout.InputName(unit.Inputs[i], i)), link: false);
        }
    }

    // Images can be many GiB: they are linked, not copied (HTCondor and GASS transfer a link as the file it points to).
    private static void Ship(string source, string destination, bool link)
    {
        if (link)
        {
            File.CreateSymbolicLink(destination, source);
        }
        else if (Directory.Exists(source))
        {
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var to = Path.Combine(destination, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                File.Copy(file, to);
            }
        }
        else
        {
            File.Copy(source, destination);
        }
    }

    private static CondorTranslationOptions Sized(WorkUnit unit, CondorTranslationOptions options) => options with
    {
        ImageBytes = (unit.Image.Location is { Kind: ImageLocationKind.HostPath } image ? new FileInfo(image.Value).Length : 0)
            + JobLayout.MachineFiles(unit).Where(f => File.Exists(f.Source)).Sum(f => new FileInfo(f.Source).Length),
        InputBytes = unit.Inputs.Where(i => i.Kind == InputKind.File).Sum(i => new FileInfo(i.Source).Length),
    };

    private static T Translate<T>(Func<T> translate)
    {
        try
        {
            return translate();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new JobStagingException(e.Message, e);
        }
    }

    private static void AtomicText(string path, string text) => DurableFile.WriteAllText(path, text);
}
