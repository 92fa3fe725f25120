using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>Maps a queued job — an HTCondor VM-universe job, or a vanilla job with vmgrid_image — onto a <see cref="WorkUnit"/>; whatever a work unit cannot honour is an error naming the command.</summary>
/// <remarks>
/// VM universe, as HTCondor's manual and condor_submit read it: vm_type = kvm|xen, vm_memory (MiB; default request_memory),
/// vm_vcpus (default request_cpus), vm_disk (every disk; the first boots), vm_checkpoint, vm_networking,
/// vm_networking_type = user, vm_macaddr, vm_no_output_vm, vm_vnc = false, and for xen xen_kernel, xen_initrd, xen_root,
/// xen_kernel_params; executable is the job's label and names the work unit. Without vmgrid_executable the image does its
/// own work (the work unit has no command) and its writable disks come back unless vm_no_output_vm = true.
/// VmMiddleware's extension vmgrid_executable (with vmgrid_working_directory, arguments and environment) runs a program
/// in the guest instead. Vanilla universe with vmgrid_image = PATH | sha256:DIGEST | vmimage://HOST/ID | reference-guest:
/// executable is the guest program. In vm_disk the file field may be vmgrid:reference-guest, sha256:DIGEST or a
/// vmimage:// URL as well as a path. The table of every command is in the project's README.
/// </remarks>
public static partial class VmUniverseMapper
{
    /// <summary>Maps every job of <paramref name="expansion"/>, resolving relative host paths against <paramref name="baseDirectory"/> (or the job's initialdir under it).</summary>
    /// <exception cref="SubmitFileException">A job cannot become a work unit; the message names the command's file and line.</exception>
    public static IReadOnlyList<WorkUnit> Map(SubmitExpansion expansion, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(expansion);
        return [.. expansion.Jobs.Select(job => Map(job, baseDirectory))];
    }

    /// <summary>Maps one job, resolving relative host paths against <paramref name="baseDirectory"/> (or the job's initialdir under it).</summary>
    /// <exception cref="SubmitFileException">The job cannot become a work unit; the message names the command's file and line.</exception>
    public static WorkUnit Map(SubmitJob job, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrEmpty(baseDirectory);
        var commands = new JobCommands(job);
        var universe = commands.Text("universe")?.Trim().ToLowerInvariant();
        var isVm = universe == "vm";
        if (!isVm && commands.Find("vmgrid_image") is null)
        {
            throw commands.Error(commands.Find("universe"), universe is null or "vanilla"
                ? "this job is not a VM work unit; expected universe = vm with vm_disk, or vmgrid_image = IMAGE"
                : $"universe = {universe} cannot become a VM work unit; expected universe = vm, or vanilla with vmgrid_image");
        }

        CheckCommands(commands, isVm);
        var directory = commands.Text("initialdir") is { } initial ? Path.GetFullPath(Path.Combine(baseDirectory, initial.Trim())) : Path.GetFullPath(baseDirectory);
        var machine = isVm ? VmImage(commands, directory) : new VmMachine(VanillaImage(commands, directory), [], null, new HashSet<string>());
        var unit = new WorkUnitDraft(commands, isVm, machine, directory);
        return unit.Build();
    }

    private static void CheckCommands(JobCommands commands, bool isVm)
    {
        foreach (var command in commands.Job.Commands)
        {
            if (command.IsJobAttribute || command.Value.Length == 0)
            {
                continue;
            }

            if (SubmitCommandTable.Refused.TryGetValue(command.Key, out var reason))
            {
                throw commands.Error(command, $"{command.Key} cannot be honoured by a VM work unit: {reason}");
            }

            if (SubmitCommandTable.HasVmPrefix(command.Key) && !SubmitCommandTable.VmCommands.Contains(command.Key))
            {
                throw commands.Error(command, $"unknown VM command '{command.Key}'; expected one of {string.Join(", ", SubmitCommandTable.VmCommands.Order(StringComparer.Ordinal))}");
            }

            if (!isVm && SubmitCommandTable.HasVmPrefix(command.Key) && !command.Key.StartsWith("vmgrid_", StringComparison.OrdinalIgnoreCase))
            {
                throw commands.Error(command, $"{command.Key} is a VM-universe command; expected universe = vm");
            }
        }

        if (commands.Boolean("vm_vnc") == true)
        {
            throw commands.Error(commands.Find("vm_vnc"), "vm_vnc = true cannot be honoured by a VM work unit: the VM runs headless with no graphics card; its serial console is kept as console.log");
        }

        if (commands.Boolean("getenv") == true)
        {
            throw commands.Error(commands.Find("getenv"), "getenv = true cannot be honoured by a VM work unit: the guest does not inherit the submitter's environment; list variables in environment");
        }
    }

    /// <summary>Checks that <paramref name="command"/> holds ClassAd expression text and returns it trimmed.</summary>
    internal static string? Expression(JobCommands commands, SubmitCommand? command)
    {
        if (command is null)
        {
            return null;
        }

        try
        {
            ExpressionParser.Parse(command.Value);
            return command.Value.Trim();
        }
        catch (ClassAdParseException e)
        {
            throw commands.Error(command, $"{command.Key} is not a ClassAd expression: column {e.Column}: {e.Problem}");
        }
    }
}
