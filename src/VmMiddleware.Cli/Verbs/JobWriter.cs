using VmMiddleware.Translation.Condor;
using VmMiddleware.Translation.Dag;
using VmMiddleware.Translation.Rsl;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary>Writes a translated job and everything it ships into a new directory: built beside it and renamed into place, so nothing is half written.</summary>
internal static class JobWriter
{
    public const string SubmitFileName = "job.sub";
    public const string RslFileName = "job.rsl";

    /// <summary>Creates <paramref name="directory"/> with the job for <paramref name="input"/> in form <paramref name="to"/> and returns the job description's path.</summary>
    public static string Write(JobInput input, string to, string directory, ShippedArtifacts artifacts, string? stageUrl, Action<string> progress)
    {
        var target = Path.GetFullPath(directory);
        if (File.Exists(target) || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
        {
            throw new UserErrorException($"{target} already exists and is not empty; expected a new output directory");
        }

        if (to == "dag" && DagNodeLog.IsRefused(target))
        {
            // The directory can still be moved before condor_submit_dag (the DAG names its files relatively); submit refuses it.
            progress("warning: " + DagNodeLog.Reason(target) + "; move the directory out of /tmp before condor_submit_dag");
        }

        var staging = target + ".partial-" + Guid.NewGuid().ToString("N")[..8];
        Directory.CreateDirectory(staging);
        try
        {
            var description = to switch
            {
                "condor" => Condor(Require(input.WorkUnit, input, to), staging, artifacts, progress),
                "dag" => Dag(input.Workflow ?? throw new UserErrorException($"{input.Path}: --to dag needs a workflow file (urn:vmmiddleware:workflow:1)"), staging, artifacts, progress),
                "rsl" => Rsl(Require(input.WorkUnit, input, to), staging, target, artifacts, stageUrl, progress),
                _ => throw new UserErrorException($"--to {to} is not a job form; expected condor, dag or rsl"),
            };
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

    private static WorkUnit Require(WorkUnit? unit, JobInput input, string to) =>
        unit ?? throw new UserErrorException($"{input.Path}: --to {to} needs one work unit; a workflow translates --to dag");

    private static string Condor(WorkUnit unit, string directory, ShippedArtifacts artifacts, Action<string> progress)
    {
        var job = Translate(() => WorkUnitCondorTranslator.Translate(unit, Sized(unit, new CondorTranslationOptions())));
        artifacts.WriteInto(directory, unit.Image.Kind != ImageKind.BootableDisk, progress);
        WriteJobFiles(job, directory);
        AtomicText(Path.Combine(directory, SubmitFileName), SubmitDescriptionWriter.Write(job.Submit));
        return SubmitFileName;
    }

    private static string Dag(Workflow workflow, string directory, ShippedArtifacts artifacts, Action<string> progress)
    {
        var dag = Translate(() => WorkflowDagTranslator.Translate(workflow, new CondorTranslationOptions()));
        artifacts.WriteInto(directory, workflow.Nodes.Any(n => n.WorkUnit.Image.Kind != ImageKind.BootableDisk), progress);
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

    private static string Rsl(WorkUnit unit, string directory, string finalDirectory, ShippedArtifacts artifacts, string? stageUrl, Action<string> progress)
    {
        var options = stageUrl is null ? RslTranslationOptions.OverGass(finalDirectory) : RslTranslationOptions.FromUrlBase(stageUrl);
        var request = Translate(() => WorkUnitRslTranslator.Translate(unit, options));
        var executeSide = Translate(() => WorkUnitRslTranslator.StagedWorkUnit(unit));
        artifacts.WriteInto(directory, unit.Image.Kind != ImageKind.BootableDisk, progress);
        AtomicText(Path.Combine(directory, options.WorkUnitFileName), WorkUnitWriter.ToXml(executeSide, JobLayout.Root));
        CopyHostFiles(unit, directory);
        Directory.CreateDirectory(Path.Combine(directory, WorkUnitRslTranslator.OutputDirectory));
        AtomicText(Path.Combine(directory, RslFileName), RslWriter.Write(request));
        return RslFileName;
    }

    private static void WriteJobFiles(CondorJob job, string directory)
    {
        AtomicText(Path.Combine(directory, "workunit.xml"), WorkUnitWriter.ToXml(job.ExecuteWorkUnit, JobLayout.Root));
        foreach (var file in job.Files.Where(f => f.Source is not null))
        {
            Ship(file.Source!, Path.Combine(directory, file.SubmitPath), file.Kind == ShippedFileKind.Image);
        }
    }

    private static void CopyHostFiles(WorkUnit unit, string directory)
    {
        if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } image)
        {
            Ship(image.Value, Path.Combine(directory, JobLayout.ImageName(image)), link: true);
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
        ImageBytes = unit.Image.Location is { Kind: ImageLocationKind.HostPath } image ? new FileInfo(image.Value).Length : 0,
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
            throw new UserErrorException(e.Message, e);
        }
    }

    private static void AtomicText(string path, string text)
    {
        VmMiddleware.Host.Durability.DurableFile.WriteAllText(path, text);
    }
}
