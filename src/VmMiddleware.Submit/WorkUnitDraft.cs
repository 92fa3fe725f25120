using System.Globalization;
using System.Text.RegularExpressions;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>Builds a <see cref="WorkUnit"/> from a job's commands once the image is known: name, hardware, command, files and policies.</summary>
internal sealed partial class WorkUnitDraft
{
    private readonly JobCommands commands;
    private readonly bool isVm;
    private readonly ImageSpec image;
    private readonly string directory;

    public WorkUnitDraft(JobCommands commands, bool isVm, ImageSpec image, string directory)
    {
        this.commands = commands;
        this.isVm = isVm;
        this.image = image;
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

        if (commands.Boolean("vm_no_output_vm") == false)
        {
            throw commands.Error(commands.Find("vm_no_output_vm"),
                "vm_no_output_vm = false asks for the modified disk image back; a VM work unit never returns its disk (the guest writes to a discarded overlay): return results with transfer_output_files");
        }

        return new WorkUnit
        {
            Name = Name(),
            Image = image,
            Hardware = Hardware(),
            Command = Command(),
            Inputs = Inputs(),
            Outputs = Outputs(),
            Checkpoint = checkpoint is { } onEviction ? new CheckpointPolicy { OnEviction = onEviction }
                : isVm ? new CheckpointPolicy { OnEviction = false } : CheckpointPolicy.Default,
            Network = networking,
            Requirements = VmUniverseMapper.Expression(commands, commands.Find("requirements")),
            Rank = VmUniverseMapper.Expression(commands, commands.Find("rank")),
            CustomAttributes = Attributes(),
        };
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
        var memory = isVm
            ? commands.PositiveInteger("vm_memory", " of MiB") ?? throw commands.Missing("vm_memory", "universe = vm needs vm_memory, the guest's memory in MiB")
            : commands.Mebibytes("request_memory", plainShift: 20) ?? VirtualHardware.Default.MemoryMiB;
        return new VirtualHardware
        {
            Vcpus = commands.PositiveInteger("vm_vcpus", " of virtual CPUs") ?? commands.PositiveInteger("request_cpus", " of CPUs") ?? 1,
            MemoryMiB = memory,
            DiskMiB = commands.Mebibytes("request_disk", plainShift: 10) ?? VirtualHardware.Default.DiskMiB,
        };
    }

    private GuestCommand Command()
    {
        var program = commands.Find("vmgrid_executable")
            ?? (isVm
                ? throw commands.Error(null, "universe = vm needs vmgrid_executable, the program the guest runs (a VmMiddleware extension: HTCondor's vm universe runs no command in the guest)")
                : commands.Require("executable", "vmgrid_image needs executable, the program the guest runs"));
        var arguments = commands.Find("arguments");
        var environment = commands.Find("environment") ?? commands.Find("env");
        var workingDirectory = commands.Find("vmgrid_working_directory");
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

    private List<InputItem> Inputs()
    {
        var inputs = new List<InputItem>();
        if (commands.Find("transfer_input_files") is not { } command)
        {
            return inputs;
        }

        var imagePath = image.Location is { Kind: ImageLocationKind.HostPath } location ? location.Value : null;
        foreach (var entry in JobCommands.List(command.Value))
        {
            if (entry.Contains("://", StringComparison.Ordinal))
            {
                throw commands.Error(command, $"transfer_input_files: '{entry}' is a URL; a VM work unit copies host files and directories only");
            }

            var source = Path.GetFullPath(Path.Combine(directory, entry));
            if (source == imagePath)
            {
                continue;
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

    private List<OutputSpec> Outputs()
    {
        var outputs = new List<OutputSpec>();
        if (commands.Find("transfer_output_files") is { } command)
        {
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

    private NetworkPolicy Networking()
    {
        var type = commands.Find("vm_networking_type");
        if (type is not null && !type.Value.Trim().Equals("nat", StringComparison.OrdinalIgnoreCase))
        {
            throw commands.Error(type, type.Value.Trim().Equals("bridge", StringComparison.OrdinalIgnoreCase)
                ? "vm_networking_type = bridge is not supported: the guest gets QEMU user-mode networking (NAT), which needs no root; expected nat"
                : $"vm_networking_type = {type.Value} is not a networking type; expected nat");
        }

        return commands.Boolean("vm_networking") == true ? NetworkPolicy.User : NetworkPolicy.None;
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
