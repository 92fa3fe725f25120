using VmMiddleware.Cli.Settings;
using VmMiddleware.Submit;
using VmMiddleware.Submit.Input;
using VmMiddleware.WorkUnits;
using VmMiddleware.WorkUnits.Workflow;
using VmMiddleware.WorkUnits.Xml;

namespace VmMiddleware.Cli.Verbs;

/// <summary>What vmgrid translate and submit read: a work unit (from work-unit XML or a submit file) or a workflow; every problem is one positioned user error.</summary>
internal sealed class JobInput
{
    private JobInput(string path, WorkUnit? workUnit, Workflow? workflow)
    {
        Path = path;
        WorkUnit = workUnit;
        Workflow = workflow;
    }

    public string Path { get; }

    public WorkUnit? WorkUnit { get; }

    public Workflow? Workflow { get; }

    public string Stem => System.IO.Path.GetFileName(Path).Split('.')[0];

    /// <summary>Reads the job in <paramref name="path"/>; a submit file's $ENV(NAME) reads the settings' environment.</summary>
    public static JobInput Read(string path, VmgridSettings settings)
    {
        if (!File.Exists(path))
        {
            throw new UserErrorException($"{path}: the file does not exist");
        }

        try
        {
            var input = JobFile.Detect(path) switch
            {
                JobFileFormat.SubmitFile => FromSubmitFile(path, new SubmitOptions { Environment = settings.Environment }),
                JobFileFormat.Workflow => new JobInput(path, null, WorkflowReader.Read(path)),
                _ => new JobInput(path, WorkUnitReader.Read(path), null),
            };
            input.RequireLocalFiles();
            return input;
        }
        catch (WorkUnitFormatException e)
        {
            throw new UserErrorException(e.Message, e);
        }
        catch (SubmitFileException e)
        {
            throw new UserErrorException(e.Message, e);
        }
    }

    private static JobInput FromSubmitFile(string path, SubmitOptions options)
    {
        // Keep only the first job: a file that queues a million is refused without holding them all.
        SubmitJob? first = null;
        var summary = SubmitFile.Stream(path, job => first ??= job, options);
        if (summary.JobCount != 1)
        {
            throw new UserErrorException($"{path}: the file queues {summary.JobCount} jobs; expected exactly one (translate one queue statement at a time)");
        }

        var job = first!;
        var unit = VmUniverseMapper.Map(job, System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        return new JobInput(path, unit, null) { SubmitJob = job };
    }

    private SubmitJob? SubmitJob { get; init; }

    // Readers resolve host paths without touching them; a translation ships the files, so they must exist now.
    private void RequireLocalFiles()
    {
        foreach (var unit in Workflow?.Nodes.Select(n => n.WorkUnit) ?? [WorkUnit!])
        {
            if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } image && !File.Exists(image.Value))
            {
                throw new UserErrorException($"{Position("image", image.Value)}: the image {image.Value} does not exist; expected an image file");
            }

            if (unit.Image.Location is { Kind: ImageLocationKind.HostPath } shipped)
            {
                try
                {
                    Qemu.Storage.ImageFileCheck.Check(shipped.Value, unit.Image.Format);
                }
                catch (InvalidDataException e)
                {
                    throw new UserErrorException($"{Position("image", shipped.Value)}: {char.ToLowerInvariant(e.Message[0])}{e.Message[1..].TrimEnd('.')}", e);
                }
            }

            foreach (var disk in unit.Disks.Where(d => d.Location.Kind == ImageLocationKind.HostPath && !File.Exists(d.Location.Value)))
            {
                throw new UserErrorException($"{Position("image", disk.Location.Value)}: the disk {disk.Location.Value} does not exist; expected an image file");
            }

            foreach (var file in new[] { unit.Kernel?.Kernel, unit.Kernel?.Initrd }.OfType<string>().Where(f => !File.Exists(f)))
            {
                throw new UserErrorException($"{Position("kernel", file)}: the kernel file {file} does not exist");
            }

            foreach (var input in unit.Inputs.Where(i => i.Kind == InputKind.File ? !File.Exists(i.Source) : !Directory.Exists(i.Source)))
            {
                throw new UserErrorException($"{Position("input", input.Source)}: the input {input.Source} does not exist");
            }
        }
    }

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
