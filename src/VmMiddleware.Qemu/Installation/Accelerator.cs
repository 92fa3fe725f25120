namespace VmMiddleware.Qemu.Installation;

/// <summary>How QEMU executes guest code.</summary>
public enum Accelerator
{
    /// <summary>QEMU's software emulator (TCG): always available, about one host core per vCPU.</summary>
    Tcg,

    /// <summary>Linux KVM hardware virtualization: fast, needs a working and accessible /dev/kvm.</summary>
    Kvm,
}
