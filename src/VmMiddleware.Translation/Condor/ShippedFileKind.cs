namespace VmMiddleware.Translation.Condor;

/// <summary>What a file in a job's transfer list is.</summary>
public enum ShippedFileKind
{
    /// <summary>The launcher (vmgrid), the job's executable.</summary>
    Launcher,

    /// <summary>The execute-side work unit the caller writes.</summary>
    WorkUnit,

    /// <summary>The relocatable QEMU bundle.</summary>
    QemuBundle,

    /// <summary>The reference guest archive (kernel and initramfs).</summary>
    Guest,

    /// <summary>The image, as a file or a vmimage:// URL.</summary>
    Image,

    /// <summary>A further disk, the kernel or the initrd of a bootable-disk work unit (HTCondor's vm_disk and xen_kernel files), as a file or a vmimage:// URL.</summary>
    MachineFile,

    /// <summary>One of the work unit's inputs.</summary>
    Input,

    /// <summary>A file another job leaves for this one.</summary>
    HandOver,
}
