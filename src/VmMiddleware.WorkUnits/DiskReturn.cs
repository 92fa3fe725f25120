namespace VmMiddleware.WorkUnits;

/// <summary>Which form of the guest's modified disks comes back after the run (HTCondor's vm_no_output_vm and VmMiddleware's cheaper delta).</summary>
public enum DiskReturn
{
    /// <summary>Nothing comes back; the guest's writes are discarded with its overlay (the default of a work unit, HTCondor's vm_no_output_vm = true).</summary>
    None,

    /// <summary>Every writable disk comes back whole, under its own file name, in its own format (HTCondor's vm universe default).</summary>
    Whole,

    /// <summary>Every writable disk comes back as a qcow2 copy-on-write delta, NAME.delta, whose backing file is NAME; vmgrid image apply-delta applies it.</summary>
    Delta,
}
