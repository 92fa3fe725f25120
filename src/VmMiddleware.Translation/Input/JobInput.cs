using VmMiddleware.Qemu.Storage;
using VmMiddleware.Submit;
using VmMiddleware.Submit.Input;
using VmMiddleware.Translation.Staging;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Translation.Input;

/// <summary>A job to translate: a work unit (from work-unit XML or an HTCondor submit file) or a workflow, read with every file it ships checked to exist.</summary>
public sealed class JobInput
{
    private JobInput(string path, WorkUnit? workUnit, Workflow? workflow)
    {
        Path = path;
        WorkUnit = workUnit;
        Workflow = workflow;
    }

    /// <summary>Gets the path the job was read from, as the caller gave it.</summary>
    public string Path { get; }

    /// <summary>Gets the work unit, or null when the file is a workflow.</summary>
    public WorkUnit? WorkUnit { get; }

    /// <summary>Gets the workflow, or null when the file is a work unit or a submit file.</summary>
    public Workflow? Workflow { get; }

    /// <summary>Gets the file name up to its first dot (hello for hello.workunit.xml), the default name of the job directory.</summary>
    public string Stem => System.IO.Path.GetFileName(Path).Split('.')[0];

    private SubmitJob? SubmitJob { get; init; }

    /// <summary>Reads the job in <paramref name="path"/>, detecting its format, and checks that the image, disks, kernel and inputs it ships exist.</summary>
    /// <param name="path">A work-unit XML file, a workflow XML file or an HTCondor submit file that queues one job.</param>
    /// <param name="options">What a submit file's $ENV(NAME) reads and its other expansion options.</param>
    /// <returns>The job.</returns>
    /// <exception cref="JobStagingException">The file is missing or malformed, queues other than one job, or names a missing or unusable file; the message is one line naming the file and, where known, the line and column.</exception>
    public static JobInput Read(string path, SubmitOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(path))
        {
            throw new JobStagingException($"{path}: the file does not exist");
        }

        try
        {
            var input = JobFile.Detect(path) switch
            {
                JobFileFormat.SubmitFile => FromSubmitFile(path, options),
                JobFileFormat.Workflow => new JobInput(path, null, WorkflowReader.Read(path)),
                _ => new JobInput(path, WorkUnitReader.Read(path), null),
            };
            input.RequireLocalFiles();
            return input;
        }
        catch (WorkUnitFormatException e)
        {
            throw new JobStagingException(e.Message, e);
        }
        catch (SubmitFileException e)
        {
            throw new JobStagingException(e.Message, e);
        }
    }

    private static JobInput FromSubmitFile(string path, SubmitOptions options)
    {
        // Keep only the first job: a file that queues a million is refused without holding them all.
        SubmitJob? first = null;
        var summary = SubmitFile.Stream(path, job => first ??= job, options);
        if (summary.JobCount != 1)
        {
            throw new JobStagingException($"{path}: the file queues {summary.JobCount} jobs; expected exactly one (translate one queue statement at a time)");
        }

        var job = first!;
        var unit = VmUniverseMapper.Map(job, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new JobInput(path, unit, null) { SubmitJob = job };
    }

    // Readers resolve host paths without touching them; a translation ships the files, so they must exist now.
    private void RequireLocalFiles()
    {
        foreach (var unit in Workflow?.Nodes.Select(n => n.WorkUnit) ?? [WorkUnit!])
        {
            if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } image && !File.Exists(image.Value))
            {
                throw new JobStagingException($"{Position("image", image.Value)}: the image {image.Value} does not exist; expected an image file");
            }

            if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } shipped)
            {
                try
                {
                    ImageFileCheck.Check(shipped.Value, unit.Image.Format);
                }
                catch (InvalidDataException e)
                {
                    throw new JobStagingException($"{Position("image", shipped.Value)}: {char.ToLowerInvariant(e.Message[0])}{e.Message[1..].TrimEnd('.')}", e);
                }
            }

            foreach (var disk in unit.Disks.Where(d => d.Location.Kind == ImageLocationKind.HostPath && !File.Exists(d.Location.Value)))
            {
                throw new JobStagingException($"{Position("image", disk.Location.Value)}: the disk {disk.Location.Value} does not exist; expected an image file");
            }

            foreach (var file in new[] { unit.Kernel?.Kernel, unit.Kernel?.Initrd }.OfType<string>().Where(f => !File.Exists(f)))
            {
                throw new JobStagingException($"{Position("kernel", file)}: the kernel file {file} does not exist");
            }

            foreach (var input in unit.Inputs.Where(i => i.Kind == InputKind.File ? !File.Exists(i.Source) : !Directory.Exists(i.Source)))
            {
                throw new JobStagingException($"{Position("input", input.Source)}: the input {input.Source} does not exist");
            }
        }
    }

    // Where the user wrote the file: the submit command's line, the work-unit XML element's line and column, or the file alone.
    private string Position(string what, string value)
    {
        if (SubmitJob is { } job)
        {
            var command = what switch
            {
                "image" => job.Find("vm_disk") ?? job.Find("vmgrid_image"),
                "kernel" => job.Find("xen_kernel"),
                _ => job.Find("transfer_input_files"),
            };
            return command is null ? Path : $"{command.File}(line {command.Line})";
        }

        if (Workflow is not null)
        {
            return Path;
        }

        return what == "input" ? WorkUnitXmlPositions.OfInput(Path, value) : WorkUnitXmlPositions.OfImage(Path, value);
    }
}
