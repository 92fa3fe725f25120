namespace VmMiddleware.Submit;

/// <summary>Which submit commands a VM work unit maps, which it leaves to the batch system, and which it refuses.</summary>
internal static class SubmitCommandTable
{
    /// <summary>The VM-universe and VmMiddleware commands the mapper understands; any other vm_, xen_, vmware_ or vmgrid_ key is an unknown command.</summary>
    public static readonly IReadOnlySet<string> VmCommands = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "vm_type", "vm_memory", "vm_vcpus", "vm_disk", "vm_checkpoint", "vm_networking", "vm_networking_type", "vm_no_output_vm",
        "vm_macaddr", "vm_vnc", "xen_kernel", "xen_initrd", "xen_root", "xen_kernel_params", "vmware_dir", "vmware_should_transfer_files",
        "vmware_snapshot_disk", "vmgrid_image", "vmgrid_image_kind", "vmgrid_executable", "vmgrid_working_directory",
    };

    /// <summary>HTCondor commands a VM work unit cannot honour, with the reason given to the user.</summary>
    public static readonly IReadOnlyDictionary<string, string> Refused = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["input"] = "the guest command has no standard input file; pass data with transfer_input_files (HTCondor's vm universe rejects input too)",
        ["output"] = "the guest's output is the serial console log and the files it writes under /work/out; use transfer_output_files (HTCondor's vm universe rejects output too)",
        ["error"] = "the guest's errors go to the serial console log; use transfer_output_files for files (HTCondor's vm universe rejects error too)",
        ["stream_input"] = "a VM work unit has no streamed standard input",
        ["stream_output"] = "a VM work unit has no streamed standard output",
        ["stream_error"] = "a VM work unit has no streamed standard error",
        ["vmware_dir"] = "VMware images are not supported (HTCondor 25 dropped vm_type = vmware); convert the disk with qemu-img convert -O qcow2 and use vm_type = kvm",
        ["vmware_should_transfer_files"] = "VMware images are not supported (HTCondor 25 dropped vm_type = vmware); convert the disk with qemu-img convert -O qcow2 and use vm_type = kvm",
        ["vmware_snapshot_disk"] = "VMware images are not supported (HTCondor 25 dropped vm_type = vmware); the guest always writes to an overlay, never to the image",
        ["docker_image"] = "a VM work unit boots a disk image, not a container",
        ["container_image"] = "a VM work unit boots a disk image, not a container",
        ["jar_files"] = "a VM work unit runs a guest command, not a Java universe job",
        ["grid_resource"] = "a VM work unit is translated to a grid job by vmgrid, not forwarded by HTCondor's grid universe",
        ["machine_count"] = "a VM work unit runs on one machine",
        ["request_gpus"] = "a VM work unit has no GPU passthrough",
        ["transfer_executable"] = "the guest command is a path inside the guest; nothing is transferred for it",
    };

    /// <summary>Returns whether <paramref name="key"/> looks like a VM-universe or VmMiddleware command (vm_, xen_, vmware_ or vmgrid_).</summary>
    public static bool HasVmPrefix(string key) =>
        key.StartsWith("vm_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("xen_", StringComparison.OrdinalIgnoreCase)
        || key.StartsWith("vmware_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("vmgrid_", StringComparison.OrdinalIgnoreCase);
}
