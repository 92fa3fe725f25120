using System.Globalization;
using System.Text.RegularExpressions;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>Builds a <see cref="WorkUnit"/> from a job's commands once the image is known: name, hardware, command, files and policies.</summary>
internal sealed partial class WorkUnitDraft
{
    private readonly JobCommands commands;
    private readonly bool isVm;
    private readonly VmMachine machine;
    private readonly string directory;

    public WorkUnitDraft(JobCommands commands, bool isVm, VmMachine machine, string directory)
    {
        this.commands = commands;
        this.isVm = isVm;
        this.machine = machine;
        this.directory = directory;
    }

    public WorkUnit Build()
    {
        var checkpoint = commands.Boolean("vm_checkpoint");
        var networking = Networking();
        if (checkpoint == true && networking == NetworkPolicy.User
            && !string.Equals(commands.Text("when_to_transfer_output")?.Trim(), "ON_EXIT_OR_EVICT", StringComparison.OrdinalIgnoreCase))
        {
            throw commands.Error(commands.Find("vm_checkpoint"),
                "vm_checkpoint and vm_networking are both true; like condor_submit, this needs when_to_transfer_output = ON_EXIT_OR_EVICT");
        }

        var command = Command();
        var unit = new WorkUnit
        {
            Name = Name(),
            Image = machine.Image,
            Disks = machine.Disks,
            Kernel = machine.Kernel,
            Hardware = Hardware(),
            Command = command,
            Inputs = Inputs(command is null),
            Outputs = Outputs(command is null),
            Limits = Limits(),
            Checkpoint = checkpoint is { } onEviction ? new CheckpointPolicy { OnEviction = onEviction }
                : isVm ? new CheckpointPolicy { OnEviction = false } : CheckpointPolicy.Default,
            Network = networking,
            MacAddress = MacAddress(),
            ReturnDisks = ReturnDisks(),
            Requirements = VmUniverseMapper.Expression(commands, commands.Find("requirements")),
            Rank = VmUniverseMapper.Expression(commands, commands.Find("rank")),
            CustomAttributes = Attributes(),
        };
        return unit.Inconsistency() is { } problem ? throw commands.Error(commands.Find("vm_disk"), problem) : unit;
    }

    private string Name()
    {
        var job = commands.Job;
        if (isVm && commands.Find("executable") is { } label)
        {
            var name = label.Value.Trim();
            return WorkUnitRules.IsName(name)
                ? name
                : throw commands.Error(label, $"executable = {name}: in the vm universe executable is the job's label and names the work unit; expected {WorkUnitRules.NameExpectation}");
        }

        var stem = NameCharacters().Replace(Path.GetFileNameWithoutExtension(job.File), "-").TrimStart('.', '_', '-');
        var suffix = string.Create(CultureInfo.InvariantCulture, $"-{job.ClusterId}.{job.ProcId}");
        stem = stem.Length == 0 ? "job" : stem[..Math.Min(stem.Length, 64 - suffix.Length)];
        return stem + suffix;
    }

    private VirtualHardware Hardware()
    {
        // condor_submit's macro defaults: VM_MEMORY = $(Request_Memory), VM_VCPUS = $(Request_CPUs).
        // vm_memory is read as parse_int64_bytes reads it (MiB unless K, M, G or T says otherwise), else as an expression.
        var memory = isVm
            ? (commands.Text("vm_memory") is { } text && JobAds.CondorQuantity.Parse(text, 1 << 20) is { } mib and > 0 and <= int.MaxValue ? (int)mib : (int?)null)
                ?? commands.PositiveInteger("vm_memory", " of MiB") ?? commands.Mebibytes("request_memory", plainShift: 20)
                ?? throw commands.Missing("vm_memory", "universe = vm needs vm_memory, the guest's memory in MiB")
            : commands.Mebibytes("request_memory", plainShift: 20) ?? VirtualHardware.Default.MemoryMiB;
        return new VirtualHardware
        {
            Vcpus = commands.PositiveInteger("vm_vcpus", " of virtual CPUs") ?? commands.PositiveInteger("request_cpus", " of CPUs") ?? 1,
            MemoryMiB = memory,
            DiskMiB = commands.Mebibytes("request_disk", plainShift: 10) ?? VirtualHardware.Default.DiskMiB,
        };
    }

    private GuestCommand? Command()
    {
        var arguments = commands.Find("arguments");
        var environment = commands.Find("environment") ?? commands.Find("env");
        var workingDirectory = commands.Find("vmgrid_working_directory");
        if (isVm && commands.Find("vmgrid_executable") is null)
        {
            // HTCondor's vm universe: the image does its own work and the job ends when the guest powers off.
            if (machine.Image.Kind == ImageKind.ReferenceGuest)
            {
                throw commands.Error(null, $"universe = vm with the reference guest ({VmUniverseMapper.ReferenceGuestDisk}) needs vmgrid_executable, the program the guest runs: the reference guest does no work of its own");
            }

            var stray = arguments ?? environment ?? workingDirectory;
            return stray is null
                ? null
                : throw commands.Error(stray, $"{stray.Key} belongs to vmgrid_executable, the program a VmMiddleware guest runs; HTCondor's vm universe runs no command in the guest, so remove it or add vmgrid_executable");
        }

        var program = commands.Find("vmgrid_executable")
            ?? commands.Require("executable", "vmgrid_image needs executable, the program the guest runs");
        try
        {
            return new GuestCommand
            {
                Executable = program.Value.Trim(),
                Arguments = arguments is null ? [] : Parse(arguments, ArgumentSyntax.Arguments),
                Environment = environment is null ? new Dictionary<string, string>() : LastWins(Parse(environment, ArgumentSyntax.Environment)),
                WorkingDirectory = workingDirectory?.Value.Trim(),
            };
        }
        catch (ArgumentException e)
        {
            var culprit = e.ParamName switch
            {
                nameof(GuestCommand.Environment) => environment,
                nameof(GuestCommand.WorkingDirectory) => workingDirectory,
                nameof(GuestCommand.Arguments) => arguments,
                _ => program,
            };
            throw commands.Error(culprit, $"{culprit?.Key} = {culprit?.Value}: {e.Message}");
        }
    }

    private T Parse<T>(SubmitCommand command, Func<string, T> parse)
    {
        try
        {
            return parse(command.Value);
        }
        catch (StatementException e)
        {
            throw commands.Error(command, $"{command.Key}: {e.Message}");
        }
    }

    private static Dictionary<string, string> LastWins(IEnumerable<KeyValuePair<string, string>> pairs)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in pairs)
        {
            map.Remove(name);
            map.Add(name, value);
        }

        return map;
    }

    private List<InputItem> Inputs(bool withoutCommand)
    {
        var inputs = new List<InputItem>();
        if (commands.Find("transfer_input_files") is not { } command)
        {
            return inputs;
        }

        var imagePath = machine.Image.Location is { Kind: ImageLocationKind.HostPath } location ? location.Value : null;
        foreach (var entry in JobCommands.List(command.Value))
        {
            var source = Path.GetFullPath(Path.Combine(directory, entry));
            if (source == imagePath || machine.Files.Contains(source))
            {
                continue; // a disk, kernel or initrd: HTCondor's vm universe lists them here to transfer them
            }

            if (entry.Contains("://", StringComparison.Ordinal))
            {
                throw commands.Error(command, $"transfer_input_files: '{entry}' is a URL; a VM work unit copies host files and directories only");
            }

            if (withoutCommand)
            {
                throw commands.Error(command, $"transfer_input_files: '{entry}' is not one of the VM's disks or its kernel; a VM without vmgrid_executable sees only its vm_disk disks, so add it to vm_disk (such as {Path.GetFileName(entry.TrimEnd('/'))}:vdb:r) or remove it");
            }

            try
            {
                inputs.Add(new InputItem(source, kind: entry.EndsWith('/') ? InputKind.Directory : InputKind.File));
            }
            catch (ArgumentException e)
            {
                throw commands.Error(command, $"transfer_input_files: '{entry}': {e.Message}");
            }
        }

        return inputs;
    }

    private List<OutputSpec> Outputs(bool withoutCommand)
    {
        var outputs = new List<OutputSpec>();
        if (commands.Find("transfer_output_files") is { } command)
        {
            if (withoutCommand)
            {
                throw commands.Error(command, "transfer_output_files: a VM without vmgrid_executable has no output directory; its results come back in its writable disks (vm_no_output_vm = false)");
            }

            foreach (var entry in JobCommands.List(command.Value))
            {
                try
                {
                    outputs.Add(new OutputSpec(entry));
                }
                catch (ArgumentException e)
                {
                    throw commands.Error(command, $"transfer_output_files: {e.Message}");
                }
            }
        }

        return outputs;
    }

    private Dictionary<string, string> Attributes()
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var command in commands.Job.Commands.Where(c => c.IsJobAttribute))
        {
            if (!WorkUnitRules.IsIdentifier(command.Name))
            {
                throw commands.Error(command, $"{command.Key}: '{command.Name}' is not an attribute name; expected {WorkUnitRules.IdentifierExpectation}");
            }

            attributes[command.Name] = VmUniverseMapper.Expression(commands, command) ?? command.Value;
        }

        return attributes;
    }

    [GeneratedRegex("[^A-Za-z0-9._-]+")]
    private static partial Regex NameCharacters();
}
