using System.Globalization;
using VmMiddleware.ClassAds;
using VmMiddleware.ClassAds.Syntax;
using VmMiddleware.ClassAds.Values;

namespace VmMiddleware.Submit.JobAds;

/// <summary>SetVMParams and the vm-universe half of SetRequirements.</summary>
public static partial class SubmitJobAd
{
    /// <summary>Sets what SetVMParams sets: JobVMType, JobVMCheckpoint, JobVMNetworking(Type), JobVMVNCConsole, JobVMMemory, ExecutableSize, JobVM_VCPUS, JobVM_MACADDR, VMPARAM_No_Output_VM, the VMPARAM_Xen_ attributes and VMPARAM_vm_Disk.</summary>
    private static void VmParams(ClassAd ad, JobCommands commands)
    {
        var type = commands.Require("vm_type", "universe = vm needs vm_type").Value.Trim().ToLowerInvariant();
        ad.InsertValue("JobVMType", Value.FromString(type));
        ad.InsertValue("JobVMCheckpoint", Value.FromBoolean(commands.Boolean("vm_checkpoint") == true));
        var networking = commands.Boolean("vm_networking") == true;
        ad.InsertValue("JobVMNetworking", Value.FromBoolean(networking));
        if (networking && commands.Text("vm_networking_type") is { } networkingType)
        {
            ad.InsertValue("JobVMNetworkingType", Value.FromString(networkingType.Trim()));
        }

        ad.InsertValue("JobVMVNCConsole", Value.FromBoolean(commands.Boolean("vm_vnc") == true));

        // VM_MEMORY's default is $(Request_Memory), VM_VCPUS's $(Request_CPUs); memory is in MiB unless a unit says otherwise.
        var memoryText = commands.Text("vm_memory") ?? commands.Text("request_memory") ?? string.Empty;
        var memory = CondorQuantity.Parse(memoryText, 1024 * 1024) is { } mib and > 0
            ? mib
            : throw commands.Error(commands.Find("vm_memory") ?? commands.Find("request_memory"), "vm_memory is incorrectly specified; for vm memory of 128 megabytes, use 128");
        ad.InsertValue("JobVMMemory", Value.FromInteger(memory));
        ad.InsertValue("ExecutableSize", Value.FromInteger(memory * 1024));
        var vcpusText = (commands.Text("vm_vcpus") ?? commands.Text("request_cpus") ?? string.Empty).Trim();
        var digits = new string([.. vcpusText.TakeWhile(char.IsAsciiDigit)]);
        ad.InsertValue("JobVM_VCPUS", Value.FromInteger(Math.Max(long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var vcpus) ? vcpus : 0, 1)));
        if (commands.Text("vm_macaddr") is { } mac)
        {
            ad.InsertValue("JobVM_MACADDR", Value.FromString(mac.Trim()));
        }

        if (commands.Boolean("vm_no_output_vm") is { } noOutput)
        {
            ad.InsertValue("VMPARAM_No_Output_VM", Value.FromBoolean(noOutput));
        }

        if (type == "xen")
        {
            XenParams(ad, commands);
        }

        if (type is "xen" or "kvm")
        {
            var disk = commands.Require("vm_disk", "'<vm>_disk' cannot be found; specify vm_disk for the virtual machine");
            var entries = disk.Value.TrimStart(' ').Split(',', StringSplitOptions.RemoveEmptyEntries);
            if (entries.Length == 0 || entries.Any(e => e.Count(c => c == ':') + 1 is < 3 or > 4))
            {
                // validate_disk_param(vmdisk, 3, 4) counts the colon-separated fields of each comma-separated entry.
                throw commands.Error(disk, "'vm_disk' has incorrect format; it should be like <filename>:<devicename>:<permission>");
            }

            ad.InsertValue("VMPARAM_vm_Disk", Value.FromString(disk.Value));
        }
        else if (type == "vmware")
        {
            throw commands.Error(commands.Find("vm_type"), "A vm_type of 'vmware' is no longer supported");
        }
    }

    private static void XenParams(ClassAd ad, JobCommands commands)
    {
        var kernel = commands.Require("xen_kernel", "'xen_kernel' cannot be found; specify xen_kernel for the xen virtual machine").Value.Trim();
        ad.InsertValue("VMPARAM_Xen_Kernel", Value.FromString(kernel));
        var realKernel = !kernel.Equals("included", StringComparison.OrdinalIgnoreCase) && !kernel.Equals("vmx", StringComparison.OrdinalIgnoreCase);
        if (kernel.Equals("vmx", StringComparison.OrdinalIgnoreCase))
        {
            ad.InsertValue("JobVMHardwareVT", Value.True);
        }

        if (commands.Find("xen_initrd") is { } initrd)
        {
            ad.InsertValue("VMPARAM_Xen_Initrd", Value.FromString(realKernel ? initrd.Value : throw commands.Error(initrd, "To use xen_initrd, xen_kernel should be a real kernel file")));
        }

        if (realKernel)
        {
            ad.InsertValue("VMPARAM_Xen_Root", Value.FromString(commands.Require("xen_root", "'xen_root' cannot be found; specify xen_root for the xen virtual machine").Value));
        }

        if (commands.Text("xen_kernel_params") is { } parameters && parameters.Trim().Trim('"', '\'') is { Length: > 0 } trimmed)
        {
            ad.InsertValue("VMPARAM_Xen_Kernel_Params", Value.FromString(trimmed));
        }
    }

    /// <summary>SetRequirements for the commands of this model: the user's requirements in parentheses, then the clauses condor_submit adds for what they do not mention.</summary>
    private static string GeneratedRequirements(ClassAd ad, JobCommands commands, bool isVm, SubmitJobAdOptions options)
    {
        var user = commands.Text("requirements");
        var answer = user is null ? string.Empty : "(" + user + ")";
        var machine = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (user is not null)
        {
            MachineReferences(ExpressionParser.Parse(user), machine);
        }

        string Join(string clause) => answer.Length == 0 ? clause : " && " + clause;
        if (!machine.Contains("Arch"))
        {
            answer += Join($"(TARGET.Arch == \"{options.Arch}\")");
        }

        if (isVm)
        {
            answer += machine.Contains("HasVM") ? string.Empty : "&& (TARGET.HasVM =?= true)";
            answer += machine.Contains("VM_Type") ? string.Empty : " && (TARGET.VM_Type == MY.JobVMType)";
            answer += machine.Contains("VM_AvailNum") ? string.Empty : " && (TARGET.VM_AvailNum > 0)";
            if (ad.EvaluateAttribute("JobVMCheckpoint").TryGetTruth(out var checkpoint) && checkpoint)
            {
                answer += " && ((MY.VM_CkptMac =?= UNDEFINED) || (TARGET.VM_All_Guest_Macs =?= UNDEFINED) || (stringListIMember(MY.VM_CkptMac, TARGET.VM_All_Guest_Macs, \",\") == FALSE))";
            }
        }
        else if (!machine.Contains("OpSys"))
        {
            answer += $" && (TARGET.OpSys == \"{options.OpSys}\")";
        }

        if (!machine.Contains("Disk"))
        {
            answer += ad.Contains("RequestDisk") ? (isVm ? " && (TARGET.Disk >= RequestDisk)" : " && (versionGE(split(TARGET.CondorVersion)[1], \"25.12.0\") || (TARGET.Disk >= RequestDisk))")
                : isVm ? " && (TARGET.TotalDisk >= DiskUsage)" : " && (TARGET.Disk >= DiskUsage)";
        }

        if (isVm)
        {
            answer += ad.EvaluateAttribute("JobVMType").AsString == "xen" ? string.Empty : " && (TARGET.TotalMemory >= MY.JobVMMemory)";
            answer += machine.Contains("VM_Memory") ? string.Empty : " && (TARGET.VM_Memory >= MY.JobVMMemory)";
            answer += ad.EvaluateAttribute("JobVMHardwareVT").TryGetTruth(out var vt) && vt && !machine.Contains("VM_HardwareVT") ? " && TARGET.VM_HardwareVT" : string.Empty;
            if (ad.EvaluateAttribute("JobVMNetworking").TryGetTruth(out var networking) && networking)
            {
                answer += machine.Contains("VM_Networking") ? string.Empty : " && TARGET.VM_Networking";
                answer += ad.Contains("JobVMNetworkingType") ? " && stringListIMember(JobVMNetworkingType,TARGET.VM_Networking_Types,\",\")" : string.Empty;
            }
        }
        else if (!machine.Contains("Memory") && Literal(ad, "RequestMemory") is not (<= 1.0))
        {
            answer += " && (TARGET.Memory >= RequestMemory)";
        }

        if (!machine.Contains("Cpus") && Literal(ad, "RequestCpus") is not null and not (<= 1.0))
        {
            answer += " && (TARGET.Cpus >= RequestCpus)";
        }

        if (!machine.Contains("HasFileTransfer") && ad.EvaluateAttribute("ShouldTransferFiles") is { Kind: ValueKind.String } should && should.AsString == "YES")
        {
            var methods = ad.EvaluateAttribute("TransferInput") is { Kind: ValueKind.String } inputs
                ? inputs.AsString.Split(',').Where(f => f.Contains("://", StringComparison.Ordinal)).Select(f => f[..f.IndexOf("://", StringComparison.Ordinal)].ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal)
                : Enumerable.Empty<string>();
            answer += " && (TARGET.HasFileTransfer" + string.Concat(methods.Select(m => $" && stringListIMember(\"{m}\",TARGET.HasFileTransferPluginMethods)")) + ")";
        }

        return answer;
    }

    // A requirement's literal number, or null when it is an expression (condor_submit then adds the clause either way).
    private static double? Literal(ClassAd ad, string attribute) =>
        ad.Lookup(attribute) is LiteralExpr { Value: { IsNumber: true } value } ? (value.Kind == ValueKind.Integer ? value.AsInteger : value.AsReal) : null;

    // GetExprReferences: TARGET.x, and unqualified names the (dummy) job ad does not hold, are machine references.
    private static void MachineReferences(Expr expr, HashSet<string> names)
    {
        switch (expr)
        {
            case AttributeRefExpr { Base: null } plain when !plain.Name.Equals("RequestMemory", StringComparison.OrdinalIgnoreCase)
                && !plain.Name.Equals("VM_CkptMac", StringComparison.OrdinalIgnoreCase):
                names.Add(plain.Name);
                break;
            case AttributeRefExpr { Base: AttributeRefExpr { Base: null } scope } selected when scope.Name.Equals("TARGET", StringComparison.OrdinalIgnoreCase):
                names.Add(selected.Name);
                break;
            case AttributeRefExpr { Base: { } other }:
                MachineReferences(other, names);
                break;
            case OperationExpr operation:
                MachineReferences(operation.Left, names);
                foreach (var part in new[] { operation.Right, operation.Third }.OfType<Expr>())
                {
                    MachineReferences(part, names);
                }

                break;
            case FunctionCallExpr call:
                foreach (var argument in call.Arguments)
                {
                    MachineReferences(argument, names);
                }

                break;
            case ListExpr list:
                foreach (var item in list.Items)
                {
                    MachineReferences(item, names);
                }

                break;
            default:
                break;
        }
    }
}
