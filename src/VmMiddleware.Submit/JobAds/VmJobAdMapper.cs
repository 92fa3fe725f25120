using System.Globalization;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Values;
using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit.JobAds;

/// <summary>Reads the work unit of an HTCondor VM-universe job from its job ad (the .job.ad the starter writes), so the launcher runs a job that a schedd transform, or vmgrid translate, turned into a vanilla job.</summary>
/// <remarks>
/// The attributes are the ones condor_submit's SetVMParams sets (JobVMType, JobVMMemory, JobVM_VCPUS, VMPARAM_vm_Disk,
/// JobVMCheckpoint, JobVMNetworking, JobVMNetworkingType, JobVM_MACADDR, VMPARAM_No_Output_VM, JobVMVNCConsole and the
/// VMPARAM_Xen_ attributes), plus AllowedJobDuration, WhenToTransferOutput and VmMiddlewareReturnDisks. They are read back
/// as the submit commands they came from and mapped as <see cref="VmUniverseMapper"/> maps a submit file, so both paths
/// give the same work unit. Disk and kernel files resolve against the job's scratch directory, where HTCondor put the
/// transferred files under their own names (as its vm-gahp finds them); an absolute path is a file on the execute host.
/// The work unit is named by VmMiddlewareWorkUnit (the transform copies the VM job's label there), else by Cmd.
/// </remarks>
public static class VmJobAdMapper
{
    private static readonly (string Attribute, string Command)[] Attributes =
    [
        ("JobVMType", "vm_type"), ("JobVMMemory", "vm_memory"), ("JobVM_VCPUS", "vm_vcpus"), ("VMPARAM_vm_Disk", "vm_disk"),
        ("JobVMCheckpoint", "vm_checkpoint"), ("JobVMNetworking", "vm_networking"), ("JobVMNetworkingType", "vm_networking_type"),
        ("JobVM_MACADDR", "vm_macaddr"), ("VMPARAM_No_Output_VM", "vm_no_output_vm"), ("JobVMVNCConsole", "vm_vnc"),
        ("VMPARAM_Xen_Kernel", "xen_kernel"), ("VMPARAM_Xen_Initrd", "xen_initrd"), ("VMPARAM_Xen_Root", "xen_root"),
        ("VMPARAM_Xen_Kernel_Params", "xen_kernel_params"), ("AllowedJobDuration", "allowed_job_duration"),
        ("WhenToTransferOutput", "when_to_transfer_output"), ("VmMiddlewareReturnDisks", "+VmMiddlewareReturnDisks"),
    ];

    /// <summary>Returns whether <paramref name="ad"/> is (or was, before a transform) a VM-universe job: it has JobVMType.</summary>
    public static bool IsVmJob(ClassAd ad)
    {
        ArgumentNullException.ThrowIfNull(ad);
        return ad.Contains("JobVMType");
    }

    /// <summary>Reads the job ad in the file <paramref name="path"/> (the starter's .job.ad) and returns its work unit, as <see cref="Map"/> does.</summary>
    /// <param name="path">The job ad file, in new or old ClassAd syntax.</param>
    /// <param name="scratchDirectory">The job's scratch directory, which disk and kernel files resolve against.</param>
    /// <returns>The work unit.</returns>
    /// <exception cref="SubmitFileException">The file cannot be read, is not a ClassAd, or is not a VM-universe job a work unit can run; the message is one line naming the file.</exception>
    public static WorkUnit Read(string path, string scratchDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ClassAd ad;
        try
        {
            ad = ClassAd.Parse(File.ReadAllText(path), path);
        }
        catch (ClassAds.Syntax.ClassAdParseException e)
        {
            throw new SubmitFileException($"{path}: not a job ad: {e.Message}", e);
        }
        catch (IOException e)
        {
            throw new SubmitFileException($"cannot read {path}: {e.Message}", e);
        }

        return Map(ad, path, scratchDirectory);
    }

    /// <summary>Returns the work unit of the VM-universe job <paramref name="ad"/>, read from <paramref name="adFile"/>, with files resolved against <paramref name="scratchDirectory"/>.</summary>
    /// <exception cref="SubmitFileException">The ad is not a VM-universe job, or it asks for something a work unit cannot do; the message names the ad file.</exception>
    public static WorkUnit Map(ClassAd ad, string adFile, string scratchDirectory)
    {
        ArgumentNullException.ThrowIfNull(ad);
        ArgumentException.ThrowIfNullOrEmpty(adFile);
        if (!IsVmJob(ad))
        {
            throw new SubmitFileException(adFile, 0, "the job ad has no JobVMType; expected an HTCondor vm-universe job (universe = vm), or one a VmMiddleware transform turned into a vanilla job");
        }

        var commands = new List<SubmitCommand> { new("universe", "vm", adFile, 0), new("executable", Name(ad), adFile, 0) };
        foreach (var (attribute, command) in Attributes)
        {
            var value = ad.EvaluateAttribute(attribute);
            if (Text(value) is { } text)
            {
                // A +attribute holds a ClassAd expression: a string goes back in quotes.
                var commandValue = command.StartsWith('+') && value.Kind == ValueKind.String ? ClassAds.Printing.Unparser.Unparse(value) : text;
                commands.Add(new SubmitCommand(command, commandValue, adFile, 0));
            }
        }

        var job = new SubmitJob { ClusterId = 1, ProcId = 0, Step = 0, ItemIndex = 0, File = adFile, QueueLine = 0, Commands = commands };
        return VmUniverseMapper.Map(job, scratchDirectory);
    }

    private static string Name(ClassAd ad)
    {
        var name = ad.EvaluateAttribute("VmMiddlewareWorkUnit") is { Kind: ValueKind.String } unit ? unit.AsString
            : ad.EvaluateAttribute("Cmd") is { Kind: ValueKind.String } cmd ? Path.GetFileName(cmd.AsString) : string.Empty;
        return WorkUnitRules.IsName(name) ? name : "vm-job";
    }

    // Submit commands hold text: strings as they are, booleans and numbers as condor_submit would have read them.
    private static string? Text(Value value) => value.Kind switch
    {
        ValueKind.String => value.AsString,
        ValueKind.Boolean => value.TryGetTruth(out var b) && b ? "true" : "false",
        ValueKind.Integer => value.AsInteger.ToString(CultureInfo.InvariantCulture),
        _ => null,
    };
}
