namespace VmMiddleware.WorkUnits;

/// <summary>A disk image format as QEMU names it.</summary>
public enum ImageFormat
{
    /// <summary>QEMU copy-on-write version 2 (qcow2).</summary>
    Qcow2,

    /// <summary>A raw disk image (raw).</summary>
    Raw,

    /// <summary>A VMware virtual disk (vmdk).</summary>
    Vmdk,

    /// <summary>A VirtualBox virtual disk (vdi).</summary>
    Vdi,

    /// <summary>A Hyper-V virtual disk, version 2 (vhdx).</summary>
    Vhdx,

    /// <summary>A Virtual PC / Hyper-V version 1 disk (vpc).</summary>
    Vpc,
}
