using VmMiddleware.WorkUnits;

namespace VmMiddleware.Submit;

/// <summary>The policies of a work unit: which disks come back, the network card, the wall time.</summary>
internal sealed partial class WorkUnitDraft
{
    // HTCondor returns the VM's disks unless vm_no_output_vm = true (SetVMParams; vm-gahp's m_vm_no_output_vm); only the VM
    // universe returns anything. +VmMiddlewareReturnDisks chooses the form; it stays a job attribute, so a schedd transform sees it too.
    private DiskReturn ReturnDisks()
    {
        var form = commands.Find("+" + VmUniverseMapper.ReturnDisksAttribute);
        var wanted = form?.Value.Trim().Trim('"').ToLowerInvariant() switch
        {
            null or "whole" => DiskReturn.Whole,
            "delta" => DiskReturn.Delta,
            _ => throw commands.Error(form, $"+{VmUniverseMapper.ReturnDisksAttribute} = {form.Value} is not a disk return form; expected \"whole\" or \"delta\""),
        };
        if (!isVm || machine.Image.Kind != ImageKind.BootableDisk)
        {
            return form is null ? DiskReturn.None : throw commands.Error(form, $"+{VmUniverseMapper.ReturnDisksAttribute} applies to a VM-universe job with disks of its own");
        }

        return commands.Boolean("vm_no_output_vm") == true ? DiskReturn.None : wanted;
    }

    private string? MacAddress()
    {
        var mac = commands.Find("vm_macaddr");
        return mac is null ? null
            : WorkUnitRules.IsMacAddress(mac.Value.Trim()) ? mac.Value.Trim().ToLowerInvariant()
            : throw commands.Error(mac, $"vm_macaddr = {mac.Value} is not a MAC address; expected {WorkUnitRules.MacAddressExpectation}");
    }

    // allowed_job_duration (HTCondor's AllowedJobDuration, seconds) is the work unit's wall time; without it the default hour.
    private Limits Limits()
    {
        var duration = commands.PositiveInteger("allowed_job_duration", " of seconds");
        return duration is { } seconds ? WorkUnits.Limits.Default with { WallTime = TimeSpan.FromSeconds(seconds) } : WorkUnits.Limits.Default;
    }

    // HTCondor's types are nat (libvirt's default network), bridge (a host bridge) and user; VmMiddleware gives only user.
    private NetworkPolicy Networking()
    {
        var type = commands.Find("vm_networking_type");
        switch (type?.Value.Trim().ToLowerInvariant())
        {
            case null or "user":
                break;
            case "bridge":
                throw commands.Error(type, "vm_networking_type = bridge is not supported: a bridge puts the guest on the host's network, which needs root (a tap device on a host bridge) and no execute host gives a job; use vm_networking_type = user (QEMU user-mode networking, no root)");
            case "nat":
                throw commands.Error(type, "vm_networking_type = nat is not supported: HTCondor's nat is libvirt's virtual network, whose bridge, dnsmasq and firewall rules need root on the execute host; use vm_networking_type = user (QEMU user-mode networking: outbound NAT without root)");
            default:
                throw commands.Error(type, $"vm_networking_type = {type!.Value} is not a networking type; expected user (bridge and nat need root)");
        }

        return commands.Boolean("vm_networking") == true ? NetworkPolicy.User : NetworkPolicy.None;
    }
}
