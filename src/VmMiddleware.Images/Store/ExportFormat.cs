namespace VmMiddleware.Images.Store;

/// <summary>The disk formats an image can be exported in (qemu-img names, lower-cased).</summary>
public enum ExportFormat
{
    /// <summary>QEMU copy-on-write v2.</summary>
    Qcow2,

    /// <summary>A plain disk image.</summary>
    Raw,

    /// <summary>VMware.</summary>
    Vmdk,

    /// <summary>VirtualBox.</summary>
    Vdi,

    /// <summary>Hyper-V.</summary>
    Vhdx,
}
